/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vtd_regs.h - Intel VT-d (scalable mode) register file, in-memory
 * structure and descriptor layouts, as the Intel Virtualization
 * Technology for Directed I/O Architecture Specification names them
 * (chapter 9 "Translation Structure Formats", chapter 10/11 "Register
 * Descriptions", section 6.5 "Invalidation", 7.x "Fault recording" and
 * "Page requests"). The model and a driver both program against these
 * names; nothing here is derived from kernel code.
 *
 * Bit fields are given as a _SHIFT and a _MASK (already shifted) or a
 * single-bit constant, all 64-bit.
 */
#ifndef MODELS_VTD_VTD_REGS_H
#define MODELS_VTD_VTD_REGS_H

#include <stdint.h>

#define VTD_BIT(n)          (1ULL << (n))
#define VTD_GENMASK(h, l)   ((~0ULL >> (63 - (h))) & (~0ULL << (l)))
#define VTD_FIELD(v, h, l)  (((v) & VTD_GENMASK(h, l)) >> (l))

/* ---- Register offsets (spec 11.4), base 0 ------------------------- */
#define VTD_VER_REG         0x000   /* 32: architecture version */
#define VTD_CAP_REG         0x008   /* 64: capability */
#define VTD_ECAP_REG        0x010   /* 64: extended capability */
#define VTD_GCMD_REG        0x018   /* 32: global command (write only) */
#define VTD_GSTS_REG        0x01c   /* 32: global status */
#define VTD_RTADDR_REG      0x020   /* 64: root table address */
#define VTD_CCMD_REG        0x028   /* 64: context command */
#define VTD_FSTS_REG        0x034   /* 32: fault status */
#define VTD_FECTL_REG       0x038   /* 32: fault event control */
#define VTD_FEDATA_REG      0x03c   /* 32: fault event data */
#define VTD_FEADDR_REG      0x040   /* 32: fault event address */
#define VTD_FEUADDR_REG     0x044   /* 32: fault event upper address */
#define VTD_IQH_REG         0x080   /* 64: invalidation queue head */
#define VTD_IQT_REG         0x088   /* 64: invalidation queue tail */
#define VTD_IQA_REG         0x090   /* 64: invalidation queue address */
#define VTD_ICS_REG         0x09c   /* 32: invalidation completion status */
#define VTD_IECTL_REG       0x0a0   /* 32: invalidation event control */
#define VTD_IEDATA_REG      0x0a4   /* 32: invalidation event data */
#define VTD_IEADDR_REG      0x0a8   /* 32: invalidation event address */
#define VTD_IEUADDR_REG     0x0ac   /* 32: invalidation event upper address */
#define VTD_IQERCD_REG      0x0b0   /* 64: invalidation queue error record */
#define VTD_PQH_REG         0x0c0   /* 64: page request queue head */
#define VTD_PQT_REG         0x0c8   /* 64: page request queue tail */
#define VTD_PQA_REG         0x0d0   /* 64: page request queue address */
#define VTD_PRS_REG         0x0dc   /* 32: page request status */
#define VTD_PECTL_REG       0x0e0   /* 32: page request event control */
#define VTD_PEDATA_REG      0x0e4   /* 32: page request event data */
#define VTD_PEADDR_REG      0x0e8   /* 32: page request event address */
#define VTD_PEUADDR_REG     0x0ec   /* 32: page request event upper address */
/*
 * IOTLB registers at ECAP.IRO*16 and fault recording registers at
 * CAP.FRO*16: this model places them as below (the driver must still
 * read IRO/FRO from ECAP/CAP, as on silicon).
 */
#define VTD_IRO_OFFSET      0x200
#define VTD_IVA_REG(iro)    ((iro) + 0x0)   /* 64: invalidate address */
#define VTD_IOTLB_REG(iro)  ((iro) + 0x8)   /* 64: IOTLB invalidate */
#define VTD_FRO_OFFSET      0x220
#define VTD_FRCD_LEN        16              /* bytes per fault record */
#define VTD_FRCD_REG(fro, i) ((fro) + (i) * VTD_FRCD_LEN)
#define VTD_MMIO_SIZE       0x1000

/* ---- VER_REG --------------------------------------------------------- */
#define VTD_VER_MAX_SHIFT   4
#define VTD_VER_MIN_MASK    0xfULL

/* ---- CAP_REG (spec 11.4.2) -------------------------------------------- */
#define VTD_CAP_ND_MASK         VTD_GENMASK(2, 0)   /* 2^(4+2*ND) domains */
#define VTD_CAP_RWBF            VTD_BIT(4)
#define VTD_CAP_PLMR            VTD_BIT(5)
#define VTD_CAP_PHMR            VTD_BIT(6)
#define VTD_CAP_CM              VTD_BIT(7)
#define VTD_CAP_SAGAW_SHIFT     8
#define VTD_CAP_SAGAW_MASK      VTD_GENMASK(12, 8)
#define VTD_SAGAW_39            VTD_BIT(1)          /* 3-level SS table */
#define VTD_SAGAW_48            VTD_BIT(2)          /* 4-level */
#define VTD_SAGAW_57            VTD_BIT(3)          /* 5-level */
#define VTD_CAP_MGAW_SHIFT      16                  /* MGAW - 1 */
#define VTD_CAP_MGAW_MASK       VTD_GENMASK(21, 16)
#define VTD_CAP_ZLR             VTD_BIT(22)
#define VTD_CAP_FRO_SHIFT       24                  /* offset / 16 */
#define VTD_CAP_FRO_MASK        VTD_GENMASK(33, 24)
#define VTD_CAP_SLLPS_SHIFT     34
#define VTD_CAP_SLLPS_MASK      VTD_GENMASK(37, 34)
#define VTD_SLLPS_2M            VTD_BIT(0)
#define VTD_SLLPS_1G            VTD_BIT(1)
#define VTD_CAP_PSI             VTD_BIT(39)
#define VTD_CAP_NFR_SHIFT       40                  /* records - 1 */
#define VTD_CAP_NFR_MASK        VTD_GENMASK(47, 40)
#define VTD_CAP_MAMV_SHIFT      48
#define VTD_CAP_MAMV_MASK       VTD_GENMASK(53, 48)
#define VTD_CAP_DWD             VTD_BIT(54)
#define VTD_CAP_DRD             VTD_BIT(55)
#define VTD_CAP_FL1GP           VTD_BIT(56)
#define VTD_CAP_PI              VTD_BIT(59)
#define VTD_CAP_FL5LP           VTD_BIT(60)
#define VTD_CAP_ESIRTPS         VTD_BIT(62)
#define VTD_CAP_ESRTPS          VTD_BIT(63)

/* ---- ECAP_REG (spec 11.4.3) ------------------------------------------- */
#define VTD_ECAP_C              VTD_BIT(0)
#define VTD_ECAP_QI             VTD_BIT(1)
#define VTD_ECAP_DT             VTD_BIT(2)
#define VTD_ECAP_IR             VTD_BIT(3)
#define VTD_ECAP_EIM            VTD_BIT(4)
#define VTD_ECAP_PT             VTD_BIT(6)
#define VTD_ECAP_SC             VTD_BIT(7)
#define VTD_ECAP_IRO_SHIFT      8                   /* offset / 16 */
#define VTD_ECAP_IRO_MASK       VTD_GENMASK(17, 8)
#define VTD_ECAP_MHMV_SHIFT     20
#define VTD_ECAP_MHMV_MASK      VTD_GENMASK(23, 20)
#define VTD_ECAP_NEST           VTD_BIT(26)
#define VTD_ECAP_PRS            VTD_BIT(29)
#define VTD_ECAP_ERS            VTD_BIT(30)
#define VTD_ECAP_SRS            VTD_BIT(31)
#define VTD_ECAP_NWFS           VTD_BIT(33)
#define VTD_ECAP_EAFS           VTD_BIT(34)
#define VTD_ECAP_PSS_SHIFT      35                  /* PASID bits - 1 */
#define VTD_ECAP_PSS_MASK       VTD_GENMASK(39, 35)
#define VTD_ECAP_PASID          VTD_BIT(40)
#define VTD_ECAP_DIT            VTD_BIT(41)
#define VTD_ECAP_PDS            VTD_BIT(42)
#define VTD_ECAP_SMTS           VTD_BIT(43)
#define VTD_ECAP_VCS            VTD_BIT(44)
#define VTD_ECAP_SSADS          VTD_BIT(45)
#define VTD_ECAP_SSTS           VTD_BIT(46)         /* second-stage (SLTS) */
#define VTD_ECAP_FSTS           VTD_BIT(47)         /* first-stage (FLTS) */
#define VTD_ECAP_SMPWCS         VTD_BIT(48)
#define VTD_ECAP_RPS            VTD_BIT(49)
/* Older spec names for the two stage-support bits. */
#define VTD_ECAP_SLTS           VTD_ECAP_SSTS
#define VTD_ECAP_FLTS           VTD_ECAP_FSTS

/* ---- GCMD_REG / GSTS_REG (spec 11.4.4, 11.4.5) ------------------------ */
#define VTD_GCMD_TE             VTD_BIT(31)
#define VTD_GCMD_SRTP           VTD_BIT(30)
#define VTD_GCMD_SFL            VTD_BIT(29)
#define VTD_GCMD_EAFL           VTD_BIT(28)
#define VTD_GCMD_WBF            VTD_BIT(27)
#define VTD_GCMD_QIE            VTD_BIT(26)
#define VTD_GCMD_IRE            VTD_BIT(25)
#define VTD_GCMD_SIRTP          VTD_BIT(24)
#define VTD_GCMD_CFI            VTD_BIT(23)
#define VTD_GSTS_TES            VTD_BIT(31)
#define VTD_GSTS_RTPS           VTD_BIT(30)
#define VTD_GSTS_FLS            VTD_BIT(29)
#define VTD_GSTS_AFLS           VTD_BIT(28)
#define VTD_GSTS_WBFS           VTD_BIT(27)
#define VTD_GSTS_QIES           VTD_BIT(26)
#define VTD_GSTS_IRES           VTD_BIT(25)
#define VTD_GSTS_IRTPS          VTD_BIT(24)
#define VTD_GSTS_CFIS           VTD_BIT(23)

/* ---- RTADDR_REG (spec 11.4.6) ----------------------------------------- */
#define VTD_RTADDR_RTA_MASK     VTD_GENMASK(63, 12)
#define VTD_RTADDR_TTM_SHIFT    10
#define VTD_RTADDR_TTM_MASK     VTD_GENMASK(11, 10)
#define VTD_TTM_LEGACY          0
#define VTD_TTM_SCALABLE        1

/* ---- CCMD_REG (spec 11.4.7), register-based context invalidation ----- */
#define VTD_CCMD_ICC            VTD_BIT(63)
#define VTD_CCMD_CIRG_SHIFT     61
#define VTD_CCMD_CIRG_MASK      VTD_GENMASK(62, 61)
#define VTD_CCMD_CAIG_SHIFT     59
#define VTD_CCMD_CAIG_MASK      VTD_GENMASK(60, 59)
#define VTD_CCMD_FM_SHIFT       32
#define VTD_CCMD_FM_MASK        VTD_GENMASK(33, 32)
#define VTD_CCMD_SID_SHIFT      16
#define VTD_CCMD_SID_MASK       VTD_GENMASK(31, 16)
#define VTD_CCMD_DID_MASK       VTD_GENMASK(15, 0)

/* ---- IOTLB_REG / IVA_REG (spec 11.4.8) -------------------------------- */
#define VTD_IOTLB_IVT           VTD_BIT(63)
#define VTD_IOTLB_IIRG_SHIFT    60
#define VTD_IOTLB_IIRG_MASK     VTD_GENMASK(61, 60)
#define VTD_IOTLB_IAIG_SHIFT    57
#define VTD_IOTLB_IAIG_MASK     VTD_GENMASK(58, 57)
#define VTD_IOTLB_DID_SHIFT     32
#define VTD_IOTLB_DID_MASK      VTD_GENMASK(47, 32)
#define VTD_IVA_ADDR_MASK       VTD_GENMASK(63, 12)
#define VTD_IVA_IH              VTD_BIT(6)
#define VTD_IVA_AM_MASK         VTD_GENMASK(5, 0)

/* ---- FSTS_REG / FECTL_REG (spec 11.4.9) ------------------------------- */
#define VTD_FSTS_PFO            VTD_BIT(0)
#define VTD_FSTS_PPF            VTD_BIT(1)
#define VTD_FSTS_IQE            VTD_BIT(4)
#define VTD_FSTS_ICE            VTD_BIT(5)
#define VTD_FSTS_ITE            VTD_BIT(6)
#define VTD_FSTS_FRI_SHIFT      8
#define VTD_FSTS_FRI_MASK       VTD_GENMASK(15, 8)
/* FECTL, IECTL and PECTL share the layout */
#define VTD_ECTL_IM             VTD_BIT(31)
#define VTD_ECTL_IP             VTD_BIT(30)

/* ---- FRCD_REG: one 128-bit fault record (spec 11.4.14) ---------------- */
/* low qword */
#define VTD_FRCD_FI_MASK        VTD_GENMASK(63, 12)
/* high qword (bits 127:64 of the record) */
#define VTD_FRCD_SID_MASK       VTD_GENMASK(15, 0)
#define VTD_FRCD_PRIV           VTD_BIT(29)         /* record bit 93 */
#define VTD_FRCD_EXE            VTD_BIT(30)         /* record bit 94 */
#define VTD_FRCD_PP             VTD_BIT(31)         /* record bit 95 */
#define VTD_FRCD_FR_SHIFT       32                  /* record bits 103:96 */
#define VTD_FRCD_FR_MASK        VTD_GENMASK(39, 32)
#define VTD_FRCD_PV_SHIFT       40                  /* record bits 123:104 */
#define VTD_FRCD_PV_MASK        VTD_GENMASK(59, 40)
#define VTD_FRCD_AT_SHIFT       60
#define VTD_FRCD_AT_MASK        VTD_GENMASK(61, 60)
#define VTD_FRCD_T1             VTD_BIT(62)         /* 1: read, 0: write */
#define VTD_FRCD_F              VTD_BIT(63)         /* record bit 127, RW1C */

/* ---- IQA/IQH/IQT/ICS/IQERCD (spec 11.4.10) ---------------------------- */
#define VTD_IQA_IQA_MASK        VTD_GENMASK(63, 12)
#define VTD_IQA_DW              VTD_BIT(11)         /* 256-bit descriptors */
#define VTD_IQA_QS_MASK         VTD_GENMASK(2, 0)   /* 2^QS pages */
#define VTD_IQ_QH_MASK          VTD_GENMASK(18, 4)  /* byte offset */
#define VTD_ICS_IWC             VTD_BIT(0)
#define VTD_IQERCD_IQEI_MASK    VTD_GENMASK(3, 0)
/* IQEI values (spec 11.4.10.x; 0 means "no detail") */
#define VTD_IQEI_NONE           0
#define VTD_IQEI_TAIL           1   /* IQT beyond the queue or misaligned for DW */
#define VTD_IQEI_FETCH          2   /* descriptor fetch hit unbacked memory */
#define VTD_IQEI_INVALID        3   /* unknown type or reserved field set */
#define VTD_IQEI_DW             4   /* 128-bit descriptors in scalable mode */
#define VTD_IQEI_WAIT_ADDR      6   /* wait descriptor status address bad */

/* ---- PQA/PQH/PQT/PRS (spec 11.4.11) ----------------------------------- */
#define VTD_PQA_PQA_MASK        VTD_GENMASK(63, 12)
#define VTD_PQA_PQS_MASK        VTD_GENMASK(2, 0)   /* 2^PQS pages */
#define VTD_PQ_QH_MASK          VTD_GENMASK(18, 5)
#define VTD_PRS_PPR             VTD_BIT(0)
#define VTD_PRS_PRO             VTD_BIT(1)

/* ---- Scalable-mode root entry, 128 bits (spec 9.2) -------------------- */
#define VTD_SM_ROOT_SIZE        16
#define VTD_SM_ROOT_LP          VTD_BIT(0)          /* lower qword: devfn 0-127 */
#define VTD_SM_ROOT_LCTP_MASK   VTD_GENMASK(63, 12)
#define VTD_SM_ROOT_UP          VTD_BIT(0)          /* upper qword: devfn 128-255 */
#define VTD_SM_ROOT_UCTP_MASK   VTD_GENMASK(63, 12)
#define VTD_SM_ROOT_RSVD        VTD_GENMASK(11, 1)  /* in each qword */

/* ---- Scalable-mode context entry, 256 bits (spec 9.4) ----------------- */
#define VTD_SM_CTX_SIZE         32
#define VTD_SM_CTX_PER_TABLE    128
/* qword 0 */
#define VTD_SM_CTX_P            VTD_BIT(0)
#define VTD_SM_CTX_FPD          VTD_BIT(1)
#define VTD_SM_CTX_DTE          VTD_BIT(2)
#define VTD_SM_CTX_PASIDE       VTD_BIT(3)
#define VTD_SM_CTX_PRE          VTD_BIT(4)
#define VTD_SM_CTX_RSVD0        VTD_GENMASK(8, 5)
#define VTD_SM_CTX_PDTS_SHIFT   9                   /* 2^(PDTS+7) dir entries */
#define VTD_SM_CTX_PDTS_MASK    VTD_GENMASK(11, 9)
#define VTD_SM_CTX_PASIDDIRPTR_MASK VTD_GENMASK(63, 12)
/* qword 1 */
#define VTD_SM_CTX_RID_PASID_MASK VTD_GENMASK(19, 0)
#define VTD_SM_CTX_RID_PRIV     VTD_BIT(20)
#define VTD_SM_CTX_RSVD1        VTD_GENMASK(63, 21)
/* qwords 2, 3: reserved */

/* ---- PASID directory entry, 64 bits (spec 9.5) ------------------------ */
#define VTD_PASID_DIR_SIZE      8
#define VTD_PASID_DIR_SHIFT     6                   /* PASIDs per table = 64 */
#define VTD_PDE_P               VTD_BIT(0)
#define VTD_PDE_FPD             VTD_BIT(1)
#define VTD_PDE_RSVD            VTD_GENMASK(11, 2)
#define VTD_PDE_SMPTBLPTR_MASK  VTD_GENMASK(63, 12)

/* ---- Scalable-mode PASID table entry, 512 bits (spec 9.6) ------------- */
#define VTD_PASID_ENTRY_SIZE    64
#define VTD_PASID_PER_TABLE     64
/* qword 0 */
#define VTD_PTE0_P              VTD_BIT(0)
#define VTD_PTE0_FPD            VTD_BIT(1)
#define VTD_PTE0_AW_SHIFT       2                   /* 1: 39, 2: 48, 3: 57 bits */
#define VTD_PTE0_AW_MASK        VTD_GENMASK(4, 2)
#define VTD_PTE0_PGTT_SHIFT     6
#define VTD_PTE0_PGTT_MASK      VTD_GENMASK(8, 6)
#define VTD_PTE0_SSADE          VTD_BIT(9)
#define VTD_PTE0_SSEE           VTD_BIT(10)         /* SS execute enable */
#define VTD_PTE0_RSVD           VTD_BIT(11)
#define VTD_PTE0_SSPTPTR_MASK   VTD_GENMASK(63, 12)
/* qword 1 */
#define VTD_PTE1_DID_MASK       VTD_GENMASK(15, 0)
#define VTD_PTE1_RSVD           VTD_GENMASK(22, 16)
#define VTD_PTE1_PWSNP          VTD_BIT(23)
#define VTD_PTE1_PGSNP          VTD_BIT(24)
/* bits 63:25 (CD, EMTE, EMT, PWT, PCD, PAT) accepted and ignored */
/* qword 2 */
#define VTD_PTE2_SRE            VTD_BIT(0)
#define VTD_PTE2_ERE            VTD_BIT(1)
#define VTD_PTE2_FLPM_SHIFT     2                   /* 0: 4-level, 1: 5-level */
#define VTD_PTE2_FLPM_MASK      VTD_GENMASK(3, 2)
#define VTD_PTE2_WPE            VTD_BIT(4)
#define VTD_PTE2_RSVD           VTD_GENMASK(6, 5)
#define VTD_PTE2_EAFE           VTD_BIT(7)
#define VTD_PTE2_RSVD2          VTD_GENMASK(11, 8)
#define VTD_PTE2_FSPTPTR_MASK   VTD_GENMASK(63, 12)
/* qwords 3..7: reserved */

/* PGTT: PASID granular translation type */
#define VTD_PGTT_FS             1   /* first-stage only */
#define VTD_PGTT_SS             2   /* second-stage only */
#define VTD_PGTT_NESTED         3
#define VTD_PGTT_PT             4   /* pass-through */

/* ---- First-stage paging entries (spec 9.7, x86 IA-32e format) -------- */
#define VTD_FS_P                VTD_BIT(0)
#define VTD_FS_RW               VTD_BIT(1)
#define VTD_FS_US               VTD_BIT(2)
#define VTD_FS_PWT              VTD_BIT(3)
#define VTD_FS_PCD              VTD_BIT(4)
#define VTD_FS_A                VTD_BIT(5)
#define VTD_FS_D                VTD_BIT(6)
#define VTD_FS_PS               VTD_BIT(7)
#define VTD_FS_G                VTD_BIT(8)
#define VTD_FS_EA               VTD_BIT(10)         /* extended accessed (EAFE) */
#define VTD_FS_ADDR_MASK        VTD_GENMASK(51, 12)
#define VTD_FS_XD               VTD_BIT(63)

/* ---- Second-stage paging entries (spec 9.8) --------------------------- */
#define VTD_SS_R                VTD_BIT(0)
#define VTD_SS_W                VTD_BIT(1)
#define VTD_SS_X                VTD_BIT(2)
#define VTD_SS_EMT_MASK         VTD_GENMASK(5, 3)
#define VTD_SS_IPAT             VTD_BIT(6)
#define VTD_SS_PS               VTD_BIT(7)
#define VTD_SS_A                VTD_BIT(8)
#define VTD_SS_D                VTD_BIT(9)
#define VTD_SS_SNP              VTD_BIT(11)
#define VTD_SS_ADDR_MASK        VTD_GENMASK(51, 12)

/* ---- Invalidation descriptors (spec 6.5.2) --------------------------- */
/* type = qw0[3:0] | qw0[11:9] << 4 */
#define VTD_INV_TYPE_LO_MASK    VTD_GENMASK(3, 0)
#define VTD_INV_TYPE_HI_MASK    VTD_GENMASK(11, 9)
#define VTD_INV_CC              0x1     /* context-cache */
#define VTD_INV_IOTLB           0x2
#define VTD_INV_DEVTLB          0x3
#define VTD_INV_IEC             0x4     /* interrupt entry cache (no-op here) */
#define VTD_INV_WAIT            0x5
#define VTD_INV_PIOTLB          0x6     /* PASID-based IOTLB */
#define VTD_INV_PC              0x7     /* PASID-cache */
#define VTD_INV_PDEVTLB         0x8     /* PASID-based device-TLB */
#define VTD_INV_PGRP_RESP       0x9     /* page group response */
#define VTD_INV_G_SHIFT         4       /* granularity, qw0[5:4] */
#define VTD_INV_G_MASK          VTD_GENMASK(5, 4)
#define VTD_INV_DID_SHIFT       16      /* qw0[31:16] */
#define VTD_INV_DID_MASK        VTD_GENMASK(31, 16)
#define VTD_INV_PASID_SHIFT     32      /* qw0[51:32] */
#define VTD_INV_PASID_MASK      VTD_GENMASK(51, 32)
/* context-cache */
#define VTD_INV_CC_G_GLOBAL     1
#define VTD_INV_CC_G_DOMAIN     2
#define VTD_INV_CC_G_DEVICE     3
#define VTD_INV_CC_SID_SHIFT    32
#define VTD_INV_CC_SID_MASK     VTD_GENMASK(47, 32)
#define VTD_INV_CC_FM_SHIFT     48
#define VTD_INV_CC_FM_MASK      VTD_GENMASK(49, 48)
/* IOTLB */
#define VTD_INV_IOTLB_G_GLOBAL  1
#define VTD_INV_IOTLB_G_DOMAIN  2
#define VTD_INV_IOTLB_G_PAGE    3
#define VTD_INV_IOTLB_DW        VTD_BIT(6)
#define VTD_INV_IOTLB_DR        VTD_BIT(7)
#define VTD_INV_ADDR_MASK       VTD_GENMASK(63, 12) /* qw1 */
#define VTD_INV_IH              VTD_BIT(6)          /* qw1 */
#define VTD_INV_AM_MASK         VTD_GENMASK(5, 0)   /* qw1 */
/* PASID-based IOTLB */
#define VTD_INV_PIOTLB_G_PASID  2   /* all addresses of DID+PASID */
#define VTD_INV_PIOTLB_G_PAGE   3   /* page-selective within PASID */
/* PASID-cache */
#define VTD_INV_PC_G_DOMAIN     0
#define VTD_INV_PC_G_PASID      1
#define VTD_INV_PC_G_GLOBAL     3
/* device-TLB (type 3) */
#define VTD_INV_DEVTLB_SID_SHIFT 32
#define VTD_INV_DEVTLB_SID_MASK VTD_GENMASK(47, 32)
#define VTD_INV_DEVTLB_S        VTD_BIT(0)          /* qw1: size in address */
/* PASID-based device-TLB (type 8) */
#define VTD_INV_PDEVTLB_SID_SHIFT 16
#define VTD_INV_PDEVTLB_SID_MASK VTD_GENMASK(31, 16)
#define VTD_INV_PDEVTLB_G       VTD_BIT(0)          /* qw1: all PASIDs */
#define VTD_INV_PDEVTLB_S       VTD_BIT(11)         /* qw1 */
/* invalidation wait */
#define VTD_INV_WAIT_IF         VTD_BIT(4)
#define VTD_INV_WAIT_SW         VTD_BIT(5)
#define VTD_INV_WAIT_FN         VTD_BIT(6)
#define VTD_INV_WAIT_PD         VTD_BIT(7)
#define VTD_INV_WAIT_SDATA_SHIFT 32
#define VTD_INV_WAIT_SADDR_MASK VTD_GENMASK(63, 2)  /* qw1 */
/* page group response */
#define VTD_INV_PGRP_PP         VTD_BIT(4)
#define VTD_INV_PGRP_RC_SHIFT   12
#define VTD_INV_PGRP_RC_MASK    VTD_GENMASK(15, 12)
#define VTD_INV_PGRP_RID_SHIFT  16
#define VTD_INV_PGRP_RID_MASK   VTD_GENMASK(31, 16)
#define VTD_INV_PGRP_LPIG       VTD_BIT(2)          /* qw1 */
#define VTD_INV_PGRP_PRGI_SHIFT 3                   /* qw1[11:3] */
#define VTD_INV_PGRP_PRGI_MASK  VTD_GENMASK(11, 3)
#define VTD_PGRP_RC_SUCCESS     0x0
#define VTD_PGRP_RC_INVALID     0x1
#define VTD_PGRP_RC_FAILURE     0xf

/* ---- Page request descriptor, 256 bits (spec 7.5.1) ------------------ */
#define VTD_PRQ_DESC_SIZE       32
#define VTD_PRQ_TYPE_PAGE_REQ   0x1                 /* qw0[7:0] */
#define VTD_PRQ_PP              VTD_BIT(8)
#define VTD_PRQ_RID_SHIFT       16
#define VTD_PRQ_RID_MASK        VTD_GENMASK(31, 16)
#define VTD_PRQ_PASID_SHIFT     32
#define VTD_PRQ_PASID_MASK      VTD_GENMASK(51, 32)
#define VTD_PRQ_ER              VTD_BIT(52)
#define VTD_PRQ_PMR             VTD_BIT(53)
#define VTD_PRQ_RD              VTD_BIT(0)          /* qw1 */
#define VTD_PRQ_WR              VTD_BIT(1)
#define VTD_PRQ_LPIG            VTD_BIT(2)
#define VTD_PRQ_PRGI_SHIFT      3
#define VTD_PRQ_PRGI_MASK       VTD_GENMASK(11, 3)
#define VTD_PRQ_ADDR_MASK       VTD_GENMASK(63, 12)

/* ---- Scalable-mode fault reasons (spec 7.1.3, table "SM faults") ----- */
#define VTD_FR_SM_RTA_INVALID       0x30    /* root table address/TTM invalid */
#define VTD_FR_SM_TTM0_PASID        0x31
#define VTD_FR_SM_TTM0_PGRP         0x32
#define VTD_FR_SM_ROOT_ACCESS       0x38    /* error fetching root entry */
#define VTD_FR_SM_ROOT_NP           0x39
#define VTD_FR_SM_ROOT_RSVD         0x3a
#define VTD_FR_SM_CTX_ACCESS        0x40
#define VTD_FR_SM_CTX_NP            0x41
#define VTD_FR_SM_CTX_RSVD          0x42
#define VTD_FR_SM_CTX_INVALID       0x43
#define VTD_FR_SM_CTX_DTE           0x44    /* translated request, DTE=0 */
#define VTD_FR_SM_CTX_PASIDE        0x45    /* request with PASID, PASIDE=0 */
#define VTD_FR_SM_CTX_PASID_MAX     0x46    /* PASID beyond the directory */
#define VTD_FR_SM_CTX_PRE           0x47
#define VTD_FR_SM_CTX_RID_PASID     0x48
#define VTD_FR_SM_PDE_ACCESS        0x50
#define VTD_FR_SM_PDE_NP            0x51
#define VTD_FR_SM_PDE_RSVD          0x52
#define VTD_FR_SM_PTE_ACCESS        0x58    /* PASID table entry */
#define VTD_FR_SM_PTE_NP            0x59
#define VTD_FR_SM_PTE_RSVD          0x5a
#define VTD_FR_SM_PTE_INVALID       0x5b    /* PGTT/AW/FLPM not supported */
#define VTD_FR_SM_PTE_ERE           0x5c
#define VTD_FR_SM_PTE_SRE           0x5d
#define VTD_FR_SM_FS_ACCESS         0x70
#define VTD_FR_SM_FS_NP             0x71
#define VTD_FR_SM_FS_RSVD           0x72
#define VTD_FR_SM_FSPTR_ACCESS      0x73    /* error fetching the FS root table */
#define VTD_FR_SM_FS_NESTED_AW      0x74    /* FS output GPA beyond SS width */
#define VTD_FR_SM_FSPTR_NESTED_RD   0x75    /* SS denies read of FS root table */
#define VTD_FR_SM_FS_NESTED_RD      0x76    /* SS denies read of FS table */
#define VTD_FR_SM_FS_NESTED_WR      0x77    /* SS denies A/D write to FS table */
#define VTD_FR_SM_SS_ACCESS         0x78
#define VTD_FR_SM_SS_NP             0x79    /* R=W=0 in a SS entry */
#define VTD_FR_SM_SS_RSVD           0x7a
#define VTD_FR_SM_SSPTR_INVALID     0x7b
#define VTD_FR_SM_SS_AD_NOSNOOP     0x7c
#define VTD_FR_SM_NON_CANONICAL     0x80
#define VTD_FR_SM_US                0x81    /* user request, U/S=0 */
#define VTD_FR_SM_EXEC              0x82
#define VTD_FR_SM_AW                0x83    /* input beyond the address width */
#define VTD_FR_SM_SS_AW             0x84
#define VTD_FR_SM_WRITE             0x85
#define VTD_FR_SM_READ              0x86
#define VTD_FR_SM_INTR_ADDR         0x87
#define VTD_FR_SM_FS_AD_NOSNOOP     0x90

#endif /* MODELS_VTD_VTD_REGS_H */
