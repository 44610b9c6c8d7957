/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * simsmmu_hw.h - the SMMUv3 programming interface as the simsmmu driver
 * sees it, written from the architecture specification (Arm IHI 0070):
 * registers (6.3), STE (5.2), CD (5.4), commands (4.x) and the VMSAv8-64
 * descriptors (Arm ARM D8.3). Deliberately not shared with the model
 * (models/smmuv3/smmu_regs.h), so that a wrong field here shows up as a
 * fault in the model instead of hiding behind a common definition.
 */
#ifndef SIMSMMU_HW_H
#define SIMSMMU_HW_H

#define SSM_BIT(n)              (1ULL << (n))
#define SSM_FIELD(hi, lo)       ((~0ULL >> (63 - (hi))) & ~((1ULL << (lo)) - 1))
#define SSM_GET(f, v)           (((unsigned long long)(v) & (f)) >> __builtin_ctzll(f))
#define SSM_SET(f, v)           (((unsigned long long)(v) << __builtin_ctzll(f)) & (f))

/* ---- Registers, page 0 (6.3) ---- */
#define SSM_IDR0                0x00
#define  SSM_IDR0_S2P           SSM_BIT(0)
#define  SSM_IDR0_S1P           SSM_BIT(1)
#define  SSM_IDR0_HTTU          SSM_FIELD(7, 6)         /* 1: A, 2: A+D */
#define  SSM_IDR0_ATS           SSM_BIT(10)
#define  SSM_IDR0_ASID16        SSM_BIT(12)
#define  SSM_IDR0_VMID16        SSM_BIT(18)
#define  SSM_IDR0_STALL_MODEL   SSM_FIELD(25, 24)       /* 1: terminate only */
#define SSM_IDR1                0x04
#define  SSM_IDR1_SIDSIZE       SSM_FIELD(5, 0)
#define  SSM_IDR1_SSIDSIZE      SSM_FIELD(10, 6)
#define  SSM_IDR1_EVTQS         SSM_FIELD(20, 16)
#define  SSM_IDR1_CMDQS         SSM_FIELD(25, 21)
#define SSM_IDR3                0x0c
#define  SSM_IDR3_RIL           SSM_BIT(10)
#define SSM_IDR5                0x14
#define  SSM_IDR5_OAS           SSM_FIELD(2, 0)
#define  SSM_IDR5_GRAN4K        SSM_BIT(4)
#define SSM_IIDR                0x18
#define SSM_AIDR                0x1c
#define SSM_CR0                 0x20
#define  SSM_CR0_SMMUEN         SSM_BIT(0)
#define  SSM_CR0_EVTQEN         SSM_BIT(2)
#define  SSM_CR0_CMDQEN         SSM_BIT(3)
#define SSM_CR0ACK              0x24
#define SSM_CR1                 0x28
#define  SSM_CR1_QUEUE_IC       SSM_FIELD(1, 0)
#define  SSM_CR1_QUEUE_OC       SSM_FIELD(3, 2)
#define  SSM_CR1_QUEUE_SH       SSM_FIELD(5, 4)
#define  SSM_CR1_TABLE_IC       SSM_FIELD(7, 6)
#define  SSM_CR1_TABLE_OC       SSM_FIELD(9, 8)
#define  SSM_CR1_TABLE_SH       SSM_FIELD(11, 10)
#define SSM_CR2                 0x2c
#define  SSM_CR2_RECINVSID      SSM_BIT(1)
#define SSM_GBPA                0x44
#define  SSM_GBPA_ABORT         SSM_BIT(20)
#define  SSM_GBPA_UPDATE        SSM_BIT(31)
#define SSM_IRQ_CTRL            0x50
#define  SSM_IRQ_CTRL_GERROR    SSM_BIT(0)
#define  SSM_IRQ_CTRL_EVTQ      SSM_BIT(2)
#define SSM_IRQ_CTRLACK         0x54
#define SSM_GERROR              0x60
#define  SSM_GERROR_CMDQ_ERR    SSM_BIT(0)
#define SSM_GERRORN             0x64
#define SSM_STRTAB_BASE         0x80
#define  SSM_STRTAB_BASE_RA     SSM_BIT(62)
#define  SSM_STRTAB_BASE_ADDR   SSM_FIELD(51, 6)
#define SSM_STRTAB_BASE_CFG     0x88
#define  SSM_STRTAB_CFG_LOG2SIZE SSM_FIELD(5, 0)
#define  SSM_STRTAB_CFG_FMT     SSM_FIELD(17, 16)       /* 0: linear */
#define SSM_CMDQ_BASE           0x90
#define SSM_CMDQ_PROD           0x98
#define SSM_CMDQ_CONS           0x9c
#define  SSM_CMDQ_CONS_ERR      SSM_FIELD(30, 24)
#define SSM_EVTQ_BASE           0xa0
#define  SSM_Q_BASE_ADDR        SSM_FIELD(51, 5)
#define  SSM_Q_BASE_LOG2SIZE    SSM_FIELD(4, 0)
#define  SSM_Q_BASE_RWA         SSM_BIT(62)
/* EVTQ_PROD/CONS live in register page 1 (6.3.26/27) */
#define SSM_EVTQ_PROD           (0x10000 + 0xa8)
#define SSM_EVTQ_CONS           (0x10000 + 0xac)
#define  SSM_Q_OVF              SSM_BIT(31)

/* ---- Stream table entry (5.2), eight 64-bit words ---- */
#define SSM_STE_WORDS           8
#define SSM_STE0_V              SSM_BIT(0)
#define SSM_STE0_CONFIG         SSM_FIELD(3, 1)
#define  SSM_CFG_ABORT          0
#define  SSM_CFG_BYPASS         4
#define  SSM_CFG_S1             5
#define  SSM_CFG_S2             6
#define  SSM_CFG_NESTED         7
#define SSM_STE0_S1FMT          SSM_FIELD(5, 4)
#define SSM_STE0_S1CTXPTR       SSM_FIELD(51, 6)
#define SSM_STE0_S1CDMAX        SSM_FIELD(63, 59)
#define SSM_STE1_S1DSS          SSM_FIELD(1, 0)
#define SSM_STE1_S1CIR          SSM_FIELD(3, 2)
#define SSM_STE1_S1COR          SSM_FIELD(5, 4)
#define SSM_STE1_S1CSH          SSM_FIELD(7, 6)
#define  SSM_WBRA               1       /* write-back, read-allocate */
#define  SSM_ISH                3       /* inner shareable */
#define SSM_STE1_S1STALLD       SSM_BIT(27)
#define SSM_STE1_EATS           SSM_FIELD(29, 28)
#define  SSM_EATS_ABORT         0
#define  SSM_EATS_TRANS         1
#define SSM_STE1_STRW           SSM_FIELD(31, 30)
#define SSM_STE1_SHCFG          SSM_FIELD(45, 44)
#define  SSM_SHCFG_INCOMING     1
#define SSM_STE2_S2VMID         SSM_FIELD(15, 0)
#define SSM_STE2_S2T0SZ         SSM_FIELD(37, 32)
#define SSM_STE2_S2SL0          SSM_FIELD(39, 38)
#define SSM_STE2_S2IR0          SSM_FIELD(41, 40)
#define SSM_STE2_S2OR0          SSM_FIELD(43, 42)
#define SSM_STE2_S2SH0          SSM_FIELD(45, 44)
#define SSM_STE2_S2TG           SSM_FIELD(47, 46)       /* 0: 4 KiB */
#define SSM_STE2_S2PS           SSM_FIELD(50, 48)
#define SSM_STE2_S2AA64         SSM_BIT(51)
#define SSM_STE2_S2PTW          SSM_BIT(54)
#define SSM_STE2_S2R            SSM_BIT(58)
#define SSM_STE3_S2TTB          SSM_FIELD(51, 4)

/* ---- Context descriptor (5.4), eight 64-bit words ---- */
#define SSM_CD_WORDS            8
#define SSM_CD0_T0SZ            SSM_FIELD(5, 0)
#define SSM_CD0_TG0             SSM_FIELD(7, 6)         /* 0: 4 KiB */
#define SSM_CD0_IR0             SSM_FIELD(9, 8)
#define SSM_CD0_OR0             SSM_FIELD(11, 10)
#define SSM_CD0_SH0             SSM_FIELD(13, 12)
#define SSM_CD0_EPD1            SSM_BIT(30)
#define SSM_CD0_V               SSM_BIT(31)
#define SSM_CD0_IPS             SSM_FIELD(34, 32)
#define SSM_CD0_AA64            SSM_BIT(41)
#define SSM_CD0_HD              SSM_BIT(42)
#define SSM_CD0_HA              SSM_BIT(43)
#define SSM_CD0_R               SSM_BIT(45)
#define SSM_CD0_A               SSM_BIT(46)
#define SSM_CD0_ASET            SSM_BIT(47)
#define SSM_CD0_ASID            SSM_FIELD(63, 48)
#define SSM_CD1_TTB0            SSM_FIELD(51, 4)
#define SSM_CD3_MAIR            0x000000000000ff44ULL   /* Attr0 Normal NC, Attr1 WB */

/* ---- VMSAv8-64 4 KiB-granule descriptors (Arm ARM D8.3) ---- */
#define SSM_PTE_VALID           SSM_BIT(0)
#define SSM_PTE_TABLE           SSM_BIT(1)      /* table (L0-2) or page (L3) */
#define SSM_PTE_ATTRINDX        SSM_FIELD(4, 2)
#define SSM_PTE_S2MEMATTR       SSM_FIELD(5, 2)
#define SSM_PTE_AP1             SSM_BIT(6)      /* stage 1: EL0 accessible */
#define SSM_PTE_AP2             SSM_BIT(7)      /* stage 1: read-only */
#define SSM_PTE_S2AP_R          SSM_BIT(6)
#define SSM_PTE_S2AP_W          SSM_BIT(7)
#define SSM_PTE_SH              SSM_FIELD(9, 8)
#define SSM_PTE_AF              SSM_BIT(10)
#define SSM_PTE_NG              SSM_BIT(11)
#define SSM_PTE_DBM             SSM_BIT(51)
#define SSM_PTE_PXN             SSM_BIT(53)
#define SSM_PTE_XN              SSM_BIT(54)     /* UXN, or XN at stage 2 */
#define SSM_PTE_ADDR            SSM_FIELD(47, 12)

/* ---- Commands (4.x), two 64-bit words ---- */
#define SSM_CMD0_OP             SSM_FIELD(7, 0)
#define SSM_CMD0_SSV            SSM_BIT(11)
#define SSM_CMD0_SSID           SSM_FIELD(31, 12)
#define SSM_CMD0_SID            SSM_FIELD(63, 32)
#define SSM_CMD0_VMID           SSM_FIELD(47, 32)
#define SSM_CMD0_ASID           SSM_FIELD(63, 48)
#define SSM_CMD0_CS             SSM_FIELD(13, 12)
#define SSM_CMD1_LEAF           SSM_BIT(0)
#define SSM_CMD1_RANGE          SSM_FIELD(4, 0)
#define SSM_CMD1_TG             SSM_FIELD(11, 10)       /* 1: 4 KiB */
#define SSM_CMD1_ADDR           SSM_FIELD(63, 12)
#define SSM_CMD1_IPA            SSM_FIELD(51, 12)

#define SSM_OP_CFGI_STE         0x03
#define SSM_OP_CFGI_STE_RANGE   0x04
#define SSM_OP_CFGI_CD          0x05
#define SSM_OP_CFGI_CD_ALL      0x06
#define SSM_OP_TLBI_NH_ALL      0x10
#define SSM_OP_TLBI_NH_ASID     0x11
#define SSM_OP_TLBI_NH_VA       0x12
#define SSM_OP_TLBI_NH_VAA      0x13
#define SSM_OP_TLBI_S12_VMALL   0x28
#define SSM_OP_TLBI_S2_IPA      0x2a
#define SSM_OP_TLBI_NSNH_ALL    0x30
#define SSM_OP_ATC_INV          0x40
#define SSM_OP_CMD_SYNC         0x46

/* Event record (7.3): 32 bytes, event number in bits [7:0] */
#define SSM_EVT_WORDS           4
#define SSM_EVT0_ID             SSM_FIELD(7, 0)
#define SSM_EVT0_SID            SSM_FIELD(63, 32)

/* uAPI words are little endian, as is every host this simulator runs on */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "simsmmu assumes a little-endian host"
#endif
#define ssm_le64(x)             ((unsigned long long)(x))

/* Address size encodings (IDR5.OAS, CD.IPS, STE.S2PS) */
static inline unsigned int ssm_ps_bits(unsigned int ps)
{
	static const unsigned char bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

	return bits[ps & 7];
}

#endif
