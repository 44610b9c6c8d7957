/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smmu_regs.h - Arm SMMUv3 register file and in-memory structure layouts,
 * named as the architecture specification (IHI 0070) names them:
 * registers (section 6.3), STE (5.2), CD (5.4), commands (4.x) and event
 * records (7.3). The model and the simulator's direct set-up include this;
 * the kernel-side driver (drivers/simsmmu) defines its own, so that a wrong field
 * cannot hide in a definition the driver under test shares with the model.
 *
 * Fields are masks over the containing 32- or 64-bit word; read them with
 * SMMU_GET(mask, word) and build them with SMMU_PREP(mask, value).
 */
#ifndef MODELS_SMMUV3_SMMU_REGS_H
#define MODELS_SMMUV3_SMMU_REGS_H

#include <stdint.h>

#define SMMU_BIT(n)          (1ULL << (n))
#define SMMU_MASK(hi, lo)    ((~0ULL >> (63 - (hi))) & ~((1ULL << (lo)) - 1))
#define SMMU_GET(mask, v)    (((uint64_t)(v) & (mask)) >> __builtin_ctzll(mask))
#define SMMU_PREP(mask, v)   (((uint64_t)(v) << __builtin_ctzll(mask)) & (mask))

/* ---- Register page 0 (6.3) ------------------------------------------ */
#define SMMU_IDR0               0x0000
#define  SMMU_IDR0_S2P          SMMU_BIT(0)
#define  SMMU_IDR0_S1P          SMMU_BIT(1)
#define  SMMU_IDR0_TTF          SMMU_MASK(3, 2)
#define   SMMU_IDR0_TTF_AARCH64 2
#define  SMMU_IDR0_COHACC       SMMU_BIT(4)
#define  SMMU_IDR0_BTM          SMMU_BIT(5)
#define  SMMU_IDR0_HTTU         SMMU_MASK(7, 6)
#define   SMMU_IDR0_HTTU_NONE   0
#define   SMMU_IDR0_HTTU_A      1
#define   SMMU_IDR0_HTTU_AD     2
#define  SMMU_IDR0_DORMHINT     SMMU_BIT(8)
#define  SMMU_IDR0_HYP          SMMU_BIT(9)
#define  SMMU_IDR0_ATS          SMMU_BIT(10)
#define  SMMU_IDR0_NS1ATS       SMMU_BIT(11)
#define  SMMU_IDR0_ASID16       SMMU_BIT(12)
#define  SMMU_IDR0_MSI          SMMU_BIT(13)
#define  SMMU_IDR0_SEV          SMMU_BIT(14)
#define  SMMU_IDR0_ATOS         SMMU_BIT(15)
#define  SMMU_IDR0_PRI          SMMU_BIT(16)
#define  SMMU_IDR0_VMW          SMMU_BIT(17)
#define  SMMU_IDR0_VMID16       SMMU_BIT(18)
#define  SMMU_IDR0_CD2L         SMMU_BIT(19)
#define  SMMU_IDR0_VATOS        SMMU_BIT(20)
#define  SMMU_IDR0_TTENDIAN     SMMU_MASK(22, 21)
#define   SMMU_IDR0_TTENDIAN_LE 2
#define  SMMU_IDR0_STALL_MODEL  SMMU_MASK(25, 24)
#define   SMMU_STALL_MODEL_STALL_TERM 0 /* both stall and terminate */
#define   SMMU_STALL_MODEL_TERM       1 /* terminate only */
#define   SMMU_STALL_MODEL_STALL_FORCE 2
#define  SMMU_IDR0_TERM_MODEL   SMMU_BIT(26)
#define  SMMU_IDR0_ST_LEVEL     SMMU_MASK(28, 27)
#define   SMMU_IDR0_ST_LEVEL_LINEAR 0
#define   SMMU_IDR0_ST_LEVEL_2LVL   1

#define SMMU_IDR1               0x0004
#define  SMMU_IDR1_SIDSIZE      SMMU_MASK(5, 0)
#define  SMMU_IDR1_SSIDSIZE     SMMU_MASK(10, 6)
#define  SMMU_IDR1_PRIQS        SMMU_MASK(15, 11)
#define  SMMU_IDR1_EVTQS        SMMU_MASK(20, 16)
#define  SMMU_IDR1_CMDQS        SMMU_MASK(25, 21)
#define  SMMU_IDR1_ATTR_PERMS_OVR SMMU_BIT(26)
#define  SMMU_IDR1_ATTR_TYPES_OVR SMMU_BIT(27)
#define  SMMU_IDR1_REL          SMMU_BIT(28)
#define  SMMU_IDR1_QUEUES_PRESET SMMU_BIT(29)
#define  SMMU_IDR1_TABLES_PRESET SMMU_BIT(30)

#define SMMU_IDR2               0x0008
#define SMMU_IDR3               0x000c
#define  SMMU_IDR3_HAD          SMMU_BIT(2)
#define  SMMU_IDR3_RIL          SMMU_BIT(10)
#define SMMU_IDR4               0x0010
#define SMMU_IDR5               0x0014
#define  SMMU_IDR5_OAS          SMMU_MASK(2, 0)
#define  SMMU_IDR5_GRAN4K       SMMU_BIT(4)
#define  SMMU_IDR5_GRAN16K      SMMU_BIT(5)
#define  SMMU_IDR5_GRAN64K      SMMU_BIT(6)
#define  SMMU_IDR5_VAX          SMMU_MASK(11, 10)
#define  SMMU_IDR5_STALL_MAX    SMMU_MASK(31, 16)

#define SMMU_IIDR               0x0018
#define  SMMU_IIDR_IMPLEMENTER  SMMU_MASK(11, 0)
#define  SMMU_IIDR_REVISION     SMMU_MASK(15, 12)
#define  SMMU_IIDR_VARIANT      SMMU_MASK(19, 16)
#define  SMMU_IIDR_PRODUCTID    SMMU_MASK(31, 20)
#define SMMU_AIDR               0x001c
#define  SMMU_AIDR_ARCHMINORREV SMMU_MASK(3, 0)
#define  SMMU_AIDR_ARCHMAJORREV SMMU_MASK(7, 4)

#define SMMU_CR0                0x0020
#define  SMMU_CR0_SMMUEN        SMMU_BIT(0)
#define  SMMU_CR0_PRIQEN        SMMU_BIT(1)
#define  SMMU_CR0_EVTQEN        SMMU_BIT(2)
#define  SMMU_CR0_CMDQEN        SMMU_BIT(3)
#define  SMMU_CR0_ATSCHK        SMMU_BIT(4)
#define  SMMU_CR0_VMW           SMMU_MASK(8, 6)
#define SMMU_CR0ACK             0x0024
#define SMMU_CR1                0x0028
#define  SMMU_CR1_QUEUE_IC      SMMU_MASK(1, 0)
#define  SMMU_CR1_QUEUE_OC      SMMU_MASK(3, 2)
#define  SMMU_CR1_QUEUE_SH      SMMU_MASK(5, 4)
#define  SMMU_CR1_TABLE_IC      SMMU_MASK(7, 6)
#define  SMMU_CR1_TABLE_OC      SMMU_MASK(9, 8)
#define  SMMU_CR1_TABLE_SH      SMMU_MASK(11, 10)
#define SMMU_CR2                0x002c
#define  SMMU_CR2_E2H           SMMU_BIT(0)
#define  SMMU_CR2_RECINVSID     SMMU_BIT(1)
#define  SMMU_CR2_PTM           SMMU_BIT(2)
#define SMMU_STATUSR            0x0040
#define SMMU_GBPA               0x0044
#define  SMMU_GBPA_ABORT        SMMU_BIT(20)
#define  SMMU_GBPA_UPDATE       SMMU_BIT(31)
#define SMMU_AGBPA              0x0048
#define SMMU_IRQ_CTRL           0x0050
#define  SMMU_IRQ_CTRL_GERROR_IRQEN SMMU_BIT(0)
#define  SMMU_IRQ_CTRL_PRIQ_IRQEN   SMMU_BIT(1)
#define  SMMU_IRQ_CTRL_EVTQ_IRQEN   SMMU_BIT(2)
#define SMMU_IRQ_CTRLACK        0x0054
#define SMMU_GERROR             0x0060
#define  SMMU_GERROR_CMDQ_ERR   SMMU_BIT(0)
#define  SMMU_GERROR_EVTQ_ABT_ERR SMMU_BIT(2)
#define  SMMU_GERROR_PRIQ_ABT_ERR SMMU_BIT(3)
#define  SMMU_GERROR_MSI_CMDQ_ABT_ERR SMMU_BIT(4)
#define  SMMU_GERROR_MSI_EVTQ_ABT_ERR SMMU_BIT(5)
#define  SMMU_GERROR_MSI_PRIQ_ABT_ERR SMMU_BIT(6)
#define  SMMU_GERROR_MSI_GERROR_ABT_ERR SMMU_BIT(7)
#define  SMMU_GERROR_SFM_ERR    SMMU_BIT(8)
#define  SMMU_GERROR_MASK       0x1fdu
#define SMMU_GERRORN            0x0064
#define SMMU_GERROR_IRQ_CFG0    0x0068
#define SMMU_GERROR_IRQ_CFG1    0x0070
#define SMMU_GERROR_IRQ_CFG2    0x0074
#define SMMU_STRTAB_BASE        0x0080
#define  SMMU_STRTAB_BASE_ADDR  SMMU_MASK(51, 6)
#define  SMMU_STRTAB_BASE_RA    SMMU_BIT(62)
#define SMMU_STRTAB_BASE_CFG    0x0088
#define  SMMU_STRTAB_BASE_CFG_LOG2SIZE SMMU_MASK(5, 0)
#define  SMMU_STRTAB_BASE_CFG_SPLIT    SMMU_MASK(10, 6)
#define  SMMU_STRTAB_BASE_CFG_FMT      SMMU_MASK(17, 16)
#define   SMMU_STRTAB_FMT_LINEAR 0
#define   SMMU_STRTAB_FMT_2LVL   1
#define SMMU_CMDQ_BASE          0x0090
#define SMMU_CMDQ_PROD          0x0098
#define SMMU_CMDQ_CONS          0x009c
#define  SMMU_CMDQ_CONS_ERR     SMMU_MASK(30, 24)
#define   SMMU_CERROR_NONE      0
#define   SMMU_CERROR_ILL       1
#define   SMMU_CERROR_ABT       2
#define   SMMU_CERROR_ATC_INV_SYNC 3
#define SMMU_EVTQ_BASE          0x00a0
#define SMMU_EVTQ_IRQ_CFG0      0x00b0
#define SMMU_EVTQ_IRQ_CFG1      0x00b8
#define SMMU_EVTQ_IRQ_CFG2      0x00bc
#define SMMU_PRIQ_BASE          0x00c0
#define SMMU_PRIQ_IRQ_CFG0      0x00d0
#define SMMU_PRIQ_IRQ_CFG1      0x00d8
#define SMMU_PRIQ_IRQ_CFG2      0x00dc

/* Queue base registers share one layout (6.3.2x *Q_BASE) */
#define  SMMU_Q_BASE_LOG2SIZE   SMMU_MASK(4, 0)
#define  SMMU_Q_BASE_ADDR       SMMU_MASK(51, 5)
#define  SMMU_Q_BASE_RA_WA      SMMU_BIT(62)
/* PROD/CONS: index in [LOG2SIZE-1:0], wrap at bit LOG2SIZE */
#define  SMMU_Q_OVFLG           SMMU_BIT(31)    /* EVTQ/PRIQ PROD.OVFLG, CONS.OVACKFLG */
#define SMMU_MSI_CFG0_ADDR      SMMU_MASK(51, 2)

/* ---- Register page 1 (at 64 KiB) ------------------------------------ */
#define SMMU_PAGE1              0x10000
#define SMMU_EVTQ_PROD          (SMMU_PAGE1 + 0x00a8)
#define SMMU_EVTQ_CONS          (SMMU_PAGE1 + 0x00ac)
#define SMMU_PRIQ_PROD          (SMMU_PAGE1 + 0x00c8)
#define SMMU_PRIQ_CONS          (SMMU_PAGE1 + 0x00cc)
#define SMMU_REG_SPACE          0x20000

/* OAS/IPS/S2PS encoding of address sizes (IDR5.OAS, CD.IPS, STE.S2PS) */
#define SMMU_PS_32  0
#define SMMU_PS_36  1
#define SMMU_PS_40  2
#define SMMU_PS_42  3
#define SMMU_PS_44  4
#define SMMU_PS_48  5
#define SMMU_PS_52  6

/* ---- Stream table (5.1, 5.2) ----------------------------------------- */
#define SMMU_STE_SIZE           64
#define SMMU_L1STD_SPAN         SMMU_MASK(4, 0)
#define SMMU_L1STD_L2PTR        SMMU_MASK(51, 6)

/* STE dword 0 */
#define SMMU_STE0_V             SMMU_BIT(0)
#define SMMU_STE0_CONFIG        SMMU_MASK(3, 1)
#define  SMMU_STE_CONFIG_ABORT  0
#define  SMMU_STE_CONFIG_BYPASS 4
#define  SMMU_STE_CONFIG_S1     5       /* stage 1 translate, stage 2 bypass */
#define  SMMU_STE_CONFIG_S2     6       /* stage 1 bypass, stage 2 translate */
#define  SMMU_STE_CONFIG_NESTED 7       /* both stages */
#define SMMU_STE0_S1FMT         SMMU_MASK(5, 4)
#define  SMMU_S1FMT_LINEAR      0
#define  SMMU_S1FMT_4K_L2       1       /* 2-level, 4 KiB leaf CD tables (64 CDs) */
#define  SMMU_S1FMT_64K_L2      2       /* 2-level, 64 KiB leaf CD tables (1024 CDs) */
#define SMMU_STE0_S1CONTEXTPTR  SMMU_MASK(51, 6)
#define SMMU_STE0_S1CDMAX       SMMU_MASK(63, 59)
/* STE dword 1 */
#define SMMU_STE1_S1DSS         SMMU_MASK(1, 0)
#define  SMMU_S1DSS_TERMINATE   0
#define  SMMU_S1DSS_BYPASS      1
#define  SMMU_S1DSS_SSID0       2
#define SMMU_STE1_S1CIR         SMMU_MASK(3, 2)
#define SMMU_STE1_S1COR         SMMU_MASK(5, 4)
#define SMMU_STE1_S1CSH         SMMU_MASK(7, 6)
#define SMMU_STE1_S2HWU59       SMMU_BIT(8)
#define SMMU_STE1_DCP           SMMU_BIT(17)
#define SMMU_STE1_PPAR          SMMU_BIT(18)
#define SMMU_STE1_MEV           SMMU_BIT(19)
#define SMMU_STE1_S2FWB         SMMU_BIT(25)
#define SMMU_STE1_S1MPAM        SMMU_BIT(26)
#define SMMU_STE1_S1STALLD      SMMU_BIT(27)
#define SMMU_STE1_EATS          SMMU_MASK(29, 28)
#define  SMMU_EATS_ABORT        0
#define  SMMU_EATS_TRANS        1
#define  SMMU_EATS_S1CHK        2
#define SMMU_STE1_STRW          SMMU_MASK(31, 30)
#define  SMMU_STRW_NSEL1        0
#define  SMMU_STRW_EL2          2
#define SMMU_STE1_MEMATTR       SMMU_MASK(35, 32)
#define SMMU_STE1_MTCFG         SMMU_BIT(36)
#define SMMU_STE1_ALLOCCFG      SMMU_MASK(40, 37)
#define SMMU_STE1_SHCFG         SMMU_MASK(45, 44)
#define SMMU_STE1_NSCFG         SMMU_MASK(47, 46)
#define SMMU_STE1_PRIVCFG       SMMU_MASK(49, 48)
#define SMMU_STE1_INSTCFG       SMMU_MASK(51, 50)
/* STE dword 2 */
#define SMMU_STE2_S2VMID        SMMU_MASK(15, 0)
#define SMMU_STE2_S2T0SZ        SMMU_MASK(37, 32)
#define SMMU_STE2_S2SL0         SMMU_MASK(39, 38)
#define SMMU_STE2_S2IR0         SMMU_MASK(41, 40)
#define SMMU_STE2_S2OR0         SMMU_MASK(43, 42)
#define SMMU_STE2_S2SH0         SMMU_MASK(45, 44)
#define SMMU_STE2_S2TG          SMMU_MASK(47, 46)
#define SMMU_STE2_S2PS          SMMU_MASK(50, 48)
#define SMMU_STE2_S2AA64        SMMU_BIT(51)
#define SMMU_STE2_S2ENDI        SMMU_BIT(52)
#define SMMU_STE2_S2AFFD        SMMU_BIT(53)
#define SMMU_STE2_S2PTW         SMMU_BIT(54)
#define SMMU_STE2_S2HD          SMMU_BIT(55)
#define SMMU_STE2_S2HA          SMMU_BIT(56)
#define SMMU_STE2_S2S           SMMU_BIT(57)
#define SMMU_STE2_S2R           SMMU_BIT(58)
/* STE dword 3 */
#define SMMU_STE3_S2TTB         SMMU_MASK(51, 4)

/* Translation granule encodings: CD.TG0 and STE.S2TG share one, TG1 another */
#define SMMU_TG0_4K             0
#define SMMU_TG0_64K            1
#define SMMU_TG0_16K            2
#define SMMU_TG1_16K            1
#define SMMU_TG1_4K             2
#define SMMU_TG1_64K            3

/* ---- Context descriptor (5.4) ------------------------------------- */
#define SMMU_CD_SIZE            64
#define SMMU_L1CD_V             SMMU_BIT(0)
#define SMMU_L1CD_L2PTR         SMMU_MASK(51, 12)
/* CD dword 0 */
#define SMMU_CD0_T0SZ           SMMU_MASK(5, 0)
#define SMMU_CD0_TG0            SMMU_MASK(7, 6)
#define SMMU_CD0_IR0            SMMU_MASK(9, 8)
#define SMMU_CD0_OR0            SMMU_MASK(11, 10)
#define SMMU_CD0_SH0            SMMU_MASK(13, 12)
#define SMMU_CD0_EPD0           SMMU_BIT(14)
#define SMMU_CD0_ENDI           SMMU_BIT(15)
#define SMMU_CD0_T1SZ           SMMU_MASK(21, 16)
#define SMMU_CD0_TG1            SMMU_MASK(23, 22)
#define SMMU_CD0_IR1            SMMU_MASK(25, 24)
#define SMMU_CD0_OR1            SMMU_MASK(27, 26)
#define SMMU_CD0_SH1            SMMU_MASK(29, 28)
#define SMMU_CD0_EPD1           SMMU_BIT(30)
#define SMMU_CD0_V              SMMU_BIT(31)
#define SMMU_CD0_IPS            SMMU_MASK(34, 32)
#define SMMU_CD0_AFFD           SMMU_BIT(35)
#define SMMU_CD0_WXN            SMMU_BIT(36)
#define SMMU_CD0_UWXN           SMMU_BIT(37)
#define SMMU_CD0_TBI            SMMU_MASK(39, 38)
#define SMMU_CD0_PAN            SMMU_BIT(40)
#define SMMU_CD0_AA64           SMMU_BIT(41)
#define SMMU_CD0_HD             SMMU_BIT(42)
#define SMMU_CD0_HA             SMMU_BIT(43)
#define SMMU_CD0_S              SMMU_BIT(44)
#define SMMU_CD0_R              SMMU_BIT(45)
#define SMMU_CD0_A              SMMU_BIT(46)
#define SMMU_CD0_ASET           SMMU_BIT(47)
#define SMMU_CD0_ASID           SMMU_MASK(63, 48)
/* CD dword 1, 2 */
#define SMMU_CD1_TTB0           SMMU_MASK(51, 4)
#define SMMU_CD2_TTB1           SMMU_MASK(51, 4)
/* CD dword 3: MAIR0, dword 4: MAIR1 (attributes, not modelled) */

/* ---- VMSAv8-64 translation table descriptors (Arm ARM D8.3) ---------- */
#define VMSA_DESC_VALID         SMMU_BIT(0)
#define VMSA_DESC_TABLE         SMMU_BIT(1)     /* table (level < 3) / page (level 3) */
#define VMSA_ATTRINDX           SMMU_MASK(4, 2)
#define VMSA_S2_MEMATTR         SMMU_MASK(5, 2)
#define VMSA_AP1                SMMU_BIT(6)     /* S1: EL0 access */
#define VMSA_AP2                SMMU_BIT(7)     /* S1: read-only */
#define VMSA_S2AP_R             SMMU_BIT(6)     /* S2AP[0]: read allowed */
#define VMSA_S2AP_W             SMMU_BIT(7)     /* S2AP[1]: write allowed */
#define VMSA_SH                 SMMU_MASK(9, 8)
#define VMSA_AF                 SMMU_BIT(10)
#define VMSA_NG                 SMMU_BIT(11)
#define VMSA_DBM                SMMU_BIT(51)
#define VMSA_CONTIG             SMMU_BIT(52)
#define VMSA_PXN                SMMU_BIT(53)
#define VMSA_UXN                SMMU_BIT(54)    /* XN at stage 2 */
#define VMSA_OA_MASK            SMMU_MASK(47, 12)
/* Table descriptor attributes (hierarchical permissions) */
#define VMSA_PXNTABLE           SMMU_BIT(59)
#define VMSA_UXNTABLE           SMMU_BIT(60)
#define VMSA_APTABLE0           SMMU_BIT(61)    /* no EL0 access below */
#define VMSA_APTABLE1           SMMU_BIT(62)    /* no write below */

/* ---- Commands (4.1-4.7), 16 bytes each ------------------------------- */
#define SMMU_CMD_SIZE           16
#define SMMU_CMD0_OPCODE        SMMU_MASK(7, 0)
#define SMMU_CMD0_SSEC          SMMU_BIT(10)
#define SMMU_CMD0_SSV           SMMU_BIT(11)
#define SMMU_CMD0_SSID          SMMU_MASK(31, 12)
#define SMMU_CMD0_SID           SMMU_MASK(63, 32)
#define SMMU_CMD0_NUM           SMMU_MASK(16, 12)
#define SMMU_CMD0_SCALE         SMMU_MASK(24, 20)
#define SMMU_CMD0_VMID          SMMU_MASK(47, 32)
#define SMMU_CMD0_ASID          SMMU_MASK(63, 48)
#define SMMU_CMD0_GLOBAL        SMMU_BIT(9)     /* ATC_INV */
#define SMMU_CMD0_RESP          SMMU_MASK(13, 12) /* CMD_RESUME action */
#define SMMU_CMD0_CS            SMMU_MASK(13, 12) /* CMD_SYNC */
#define  SMMU_CS_SIG_NONE       0
#define  SMMU_CS_SIG_IRQ        1
#define  SMMU_CS_SIG_SEV        2
#define SMMU_CMD0_MSH           SMMU_MASK(23, 22)
#define SMMU_CMD0_MSIATTR       SMMU_MASK(27, 24)
#define SMMU_CMD0_MSIDATA       SMMU_MASK(63, 32)
#define SMMU_CMD1_LEAF          SMMU_BIT(0)
#define SMMU_CMD1_RANGE         SMMU_MASK(4, 0)   /* CFGI_STE_RANGE */
#define SMMU_CMD1_TTL           SMMU_MASK(9, 8)
#define SMMU_CMD1_TG            SMMU_MASK(11, 10)
#define SMMU_CMD1_ADDR          SMMU_MASK(63, 12)
#define SMMU_CMD1_IPA           SMMU_MASK(51, 12)
#define SMMU_CMD1_ATC_SIZE      SMMU_MASK(5, 0)
#define SMMU_CMD1_STAG          SMMU_MASK(15, 0)
#define SMMU_CMD1_PRGI          SMMU_MASK(8, 0)
#define SMMU_CMD1_PRI_RESP      SMMU_MASK(13, 12)
#define SMMU_CMD1_MSIADDR       SMMU_MASK(51, 2)

#define CMD_PREFETCH_CONFIG     0x01
#define CMD_PREFETCH_ADDR       0x02
#define CMD_CFGI_STE            0x03
#define CMD_CFGI_STE_RANGE      0x04    /* CMD_CFGI_ALL is Range = 31 */
#define CMD_CFGI_CD             0x05
#define CMD_CFGI_CD_ALL         0x06
#define CMD_CFGI_VMS_PIDM       0x07
#define CMD_TLBI_NH_ALL         0x10
#define CMD_TLBI_NH_ASID        0x11
#define CMD_TLBI_NH_VA          0x12
#define CMD_TLBI_NH_VAA         0x13
#define CMD_TLBI_EL3_ALL        0x18
#define CMD_TLBI_EL3_VA         0x1a
#define CMD_TLBI_EL2_ALL        0x20
#define CMD_TLBI_EL2_ASID       0x21
#define CMD_TLBI_EL2_VA         0x22
#define CMD_TLBI_EL2_VAA        0x23
#define CMD_TLBI_S12_VMALL      0x28
#define CMD_TLBI_S2_IPA         0x2a
#define CMD_TLBI_NSNH_ALL       0x30
#define CMD_ATC_INV             0x40
#define CMD_PRI_RESP            0x41
#define CMD_RESUME              0x44
#define CMD_STALL_TERM          0x45
#define CMD_SYNC                0x46
#define SMMU_CFGI_ALL_RANGE     31

#define SMMU_RESUME_RETRY       0
#define SMMU_RESUME_ABORT       1

/* ---- Event records (7.3), 32 bytes each ------------------------------ */
#define SMMU_EVT_SIZE           32
#define SMMU_EVT0_ID            SMMU_MASK(7, 0)
#define SMMU_EVT0_SSV           SMMU_BIT(11)
#define SMMU_EVT0_SSID          SMMU_MASK(31, 12)
#define SMMU_EVT0_SID           SMMU_MASK(63, 32)
#define SMMU_EVT1_STAG          SMMU_MASK(15, 0)
#define SMMU_EVT1_STALL         SMMU_BIT(31)
#define SMMU_EVT1_PNU           SMMU_BIT(33)
#define SMMU_EVT1_IND           SMMU_BIT(34)
#define SMMU_EVT1_RNW           SMMU_BIT(35)
#define SMMU_EVT1_NSIPA         SMMU_BIT(38)
#define SMMU_EVT1_S2            SMMU_BIT(39)
#define SMMU_EVT1_CLASS         SMMU_MASK(41, 40)
#define  SMMU_CLASS_CD          0       /* fault while fetching the CD */
#define  SMMU_CLASS_TT          1       /* fault while fetching a table descriptor */
#define  SMMU_CLASS_IN          2       /* fault on the input address itself */
#define SMMU_EVT1_TTRNW         SMMU_BIT(44)
#define SMMU_EVT1_REASON        SMMU_MASK(63, 32) /* F_TLB_CONFLICT etc. */
/* dword 2: InputAddr[63:0]; dword 3: IPA[51:12] or FetchAddr[51:3] */
#define SMMU_EVT3_IPA           SMMU_MASK(51, 12)
#define SMMU_EVT3_FETCHADDR     SMMU_MASK(51, 3)

#define EVT_F_UUT               0x01
#define EVT_C_BAD_STREAMID      0x02
#define EVT_F_STE_FETCH         0x03
#define EVT_C_BAD_STE           0x04
#define EVT_F_BAD_ATS_TREQ      0x05
#define EVT_F_STREAM_DISABLED   0x06
#define EVT_F_TRANSL_FORBIDDEN  0x07
#define EVT_C_BAD_SUBSTREAMID   0x08
#define EVT_F_CD_FETCH          0x09
#define EVT_C_BAD_CD            0x0a
#define EVT_F_WALK_EABT         0x0b
#define EVT_F_TRANSLATION       0x10
#define EVT_F_ADDR_SIZE         0x11
#define EVT_F_ACCESS            0x12
#define EVT_F_PERMISSION        0x13
#define EVT_F_TLB_CONFLICT      0x20
#define EVT_F_CFG_CONFLICT      0x21
#define EVT_E_PAGE_REQUEST      0x24

/* ---- PRI queue records (8.1), 16 bytes each ------------------------- */
#define SMMU_PRIQ_ENT_SIZE      16
#define SMMU_PRIQ0_SID          SMMU_MASK(31, 0)
#define SMMU_PRIQ0_SSID         SMMU_MASK(51, 32)
#define SMMU_PRIQ0_PERM_PRIV    SMMU_BIT(58)
#define SMMU_PRIQ0_PERM_EXEC    SMMU_BIT(59)
#define SMMU_PRIQ0_PERM_READ    SMMU_BIT(60)
#define SMMU_PRIQ0_PERM_WRITE   SMMU_BIT(61)
#define SMMU_PRIQ0_PRG_LAST     SMMU_BIT(62)
#define SMMU_PRIQ0_SSID_V       SMMU_BIT(63)
#define SMMU_PRIQ1_PRG_INDEX    SMMU_MASK(8, 0)
#define SMMU_PRIQ1_ADDR         SMMU_MASK(63, 12)

#endif /* MODELS_SMMUV3_SMMU_REGS_H */
