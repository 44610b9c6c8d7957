// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_pgtable.c - VMSAv8-64 translation table rules (Arm ARM D8): levels
 * and indexing per granule, starting levels (stage 2 from SL0, with
 * concatenated tables), descriptor types, output addresses and access
 * permissions at both stages. Pure functions, no memory access.
 */
#include "smmu_priv.h"

unsigned vmsa_stride(unsigned gshift)
{
	return gshift - 3;      /* 8-byte descriptors fill one granule */
}

/* Lowest input address bit resolved at a level. */
unsigned vmsa_level_shift(unsigned gshift, int level)
{
	return gshift + (3 - level) * vmsa_stride(gshift);
}

unsigned vmsa_granule_shift_tg0(unsigned tg)
{
	switch (tg) {
	case SMMU_TG0_4K:  return 12;
	case SMMU_TG0_64K: return 16;
	case SMMU_TG0_16K: return 14;
	default:           return 0;
	}
}

unsigned vmsa_granule_shift_tg1(unsigned tg)
{
	switch (tg) {
	case SMMU_TG1_4K:  return 12;
	case SMMU_TG1_64K: return 16;
	case SMMU_TG1_16K: return 14;
	default:           return 0;
	}
}

/* Stage 1 starts at the level where the remaining bits fit one table. */
int vmsa_s1_start_level(unsigned gshift, unsigned ia_bits)
{
	unsigned stride = vmsa_stride(gshift);
	unsigned levels = (ia_bits - gshift + stride - 1) / stride;

	return 4 - (int)levels;
}

/*
 * Stage 2 starting level from SL0 (Arm ARM D8.2, VTCR_EL2.SL0), and the
 * consistency rule with T0SZ: the starting level resolves at least one bit
 * and at most stride + 4 bits (up to 16 concatenated tables); no
 * concatenation at level 0; 64K level 1 only with a 52-bit PA.
 */
bool vmsa_s2_start_level(unsigned gshift, unsigned sl0, unsigned ia_bits, unsigned oas_bits,
			 int *level)
{
	int lvl;
	int w;

	if (gshift == 12)
		lvl = sl0 == 0 ? 2 : sl0 == 1 ? 1 : sl0 == 2 ? 0 : -1;
	else
		lvl = sl0 == 0 ? 3 : sl0 == 1 ? 2 : sl0 == 2 ? 1 : -1;
	if (lvl < 0)
		return false;
	if (gshift == 16 && lvl == 1 && oas_bits < 52)
		return false;
	w = (int)ia_bits - (int)vmsa_level_shift(gshift, lvl);
	if (w < 1 || w > (int)vmsa_stride(gshift) + 4)
		return false;
	if (lvl == 0 && w > (int)vmsa_stride(gshift))
		return false;
	*level = lvl;
	return true;
}

unsigned vmsa_index(unsigned gshift, int level, int start_level, unsigned ia_bits,
		    uint64_t ia)
{
	unsigned lsb = vmsa_level_shift(gshift, level);
	unsigned width = level == start_level ? ia_bits - lsb : vmsa_stride(gshift);

	return (unsigned)((ia >> lsb) & ((1ULL << width) - 1));
}

bool vmsa_is_table(uint64_t desc, int level)
{
	return level < 3 && (desc & 3) == 3;
}

/* Blocks: 4K at levels 1-2, 16K and 64K at level 2 (48-bit OA); pages at 3. */
bool vmsa_is_block_or_page(uint64_t desc, int level, unsigned gshift)
{
	if (level == 3)
		return (desc & 3) == 3;
	if ((desc & 3) != 1)
		return false;
	if (gshift == 12)
		return level == 1 || level == 2;
	return level == 2;
}

uint64_t vmsa_next_table(uint64_t desc, unsigned gshift)
{
	return desc & SMMU_MASK(47, gshift);
}

uint64_t vmsa_output(uint64_t desc, unsigned gshift, int level, uint64_t ia)
{
	unsigned lsb = vmsa_level_shift(gshift, level);

	return (desc & SMMU_MASK(47, lsb)) | (ia & ((1ULL << lsb) - 1));
}

bool vmsa_oa_too_wide(uint64_t desc, unsigned gshift, unsigned oa_bits)
{
	if (oa_bits >= 48)
		return false;
	return (desc & SMMU_MASK(47, gshift)) >> oa_bits != 0;
}

/*
 * Stage 1 permissions of a leaf for one privilege (D8.4): AP[2:1] with
 * APTable limits, PXN/UXN with the table XN bits, the implicit PXN of
 * EL0-writable memory, and WXN. A writable-clean (DBM, HD) page counts as
 * writable: the walker sets it dirty when a write uses it.
 */
unsigned vmsa_s1_perm(uint64_t desc, bool priv, bool ap_no_user, bool ap_no_write,
		      bool pxn_tbl, bool uxn_tbl, bool wxn, bool hd)
{
	bool ro = (desc & VMSA_AP2) && !(hd && (desc & VMSA_DBM));
	bool user = desc & VMSA_AP1;
	bool w = !ro && !ap_no_write;
	unsigned p = 0;

	if (ap_no_user)
		user = false;
	if (priv) {
		bool x = !(desc & VMSA_PXN) && !pxn_tbl && !(user && w);

		p = XLATE_READ | (w ? XLATE_WRITE : 0);
		if (x && !(wxn && w))
			p |= XLATE_EXEC;
	} else if (user) {
		bool x = !(desc & VMSA_UXN) && !uxn_tbl;

		p = XLATE_READ | (w ? XLATE_WRITE : 0);
		if (x && !(wxn && w))
			p |= XLATE_EXEC;
	}
	return p;
}

/* Stage 2 permissions (D8.4.2): S2AP read/write, XN; DBM with S2HD. */
unsigned vmsa_s2_perm(uint64_t desc, bool hd)
{
	unsigned p = 0;

	if (desc & VMSA_S2AP_R)
		p |= XLATE_READ;
	if ((desc & VMSA_S2AP_W) || (hd && (desc & VMSA_DBM)))
		p |= XLATE_WRITE;
	if (!(desc & VMSA_UXN))
		p |= XLATE_EXEC;
	return p;
}
