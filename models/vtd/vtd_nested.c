// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_nested.c - nested translation (spec 3.8): with PGTT=nested the
 * first-stage root pointer, every first-stage table address and the
 * final first-stage output are guest-physical addresses that go through
 * the second stage. This file maps those second-stage outcomes onto the
 * nested fault reasons (0x74-0x77); for first-stage-only translation the
 * addresses are already host physical and pass straight through.
 */
#include "vtd_internal.h"

static uint8_t nested_ss(struct vtd *v, const struct vtd_pasid_entry *pe, uint64_t gpa,
			 struct vtd_ss_result *r, struct vtd_walk_acct *acct)
{
	uint8_t fr = vtd_ss_walk(v, pe, gpa, r, acct);

	/* A GPA the second stage cannot hold is a first-stage error here. */
	return fr == VTD_FR_SM_AW ? VTD_FR_SM_FS_NESTED_AW : fr;
}

uint8_t vtd_nested_table(struct vtd *v, const struct vtd_pasid_entry *pe, uint64_t gpa,
			 bool root, struct vtd_ss_result *r, struct vtd_walk_acct *acct)
{
	uint8_t fr;

	if (pe->pgtt != VTD_PGTT_NESTED) {
		r->hpa = gpa;
		r->r = r->w = r->x = true;
		r->dirty = true;
		r->leaf_pa = 0;
		return 0;
	}
	fr = nested_ss(v, pe, gpa, r, acct);
	if (fr)
		return fr;
	/* Walk fetches are reads of the guest's table page (spec 3.8.1). */
	if (!r->r)
		return root ? VTD_FR_SM_FSPTR_NESTED_RD : VTD_FR_SM_FS_NESTED_RD;
	return 0;
}

uint8_t vtd_nested_table_write(struct vtd *v, const struct vtd_pasid_entry *pe,
			       uint64_t gpa, struct vtd_ss_result *r, bool have_r,
			       struct vtd_walk_acct *acct)
{
	uint8_t fr;

	if (pe->pgtt != VTD_PGTT_NESTED)
		return 0;
	if (!have_r) {
		fr = nested_ss(v, pe, gpa, r, acct);
		if (fr)
			return fr;
	}
	/* A/D updates of first-stage entries are writes to guest memory. */
	if (!r->w)
		return VTD_FR_SM_FS_NESTED_WR;
	vtd_ss_set_dirty(v, pe, r, acct);
	return 0;
}

uint8_t vtd_nested_output(struct vtd *v, const struct vtd_pasid_entry *pe, uint64_t gpa,
			  struct vtd_ss_result *r, struct vtd_walk_acct *acct)
{
	return nested_ss(v, pe, gpa, r, acct);
}
