#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the committed seed corpora (fuzz/corpus/<harness>/) from the
project's own samples, scenarios and tests:
  traces    every sample in traces/samples (reader; the perf and
            trace-cmd captures also through their importers; text samples
            through the line parser)
  scenario  every shipped scenario, some with --set overrides
  tables    the table layouts of tests/vtd and tests/smmuv3 (scalable
            root/context/PASID chains with second-stage, first-stage and
            nested tables; legacy mode; STEs with CDs and stage-1, stage-2
            and nested VMSAv8-64 tables), re-encoded as the harness's
            write/translate operations
  mmio      the drivers' bring-up register sequences and queue commands
  iommufd   the call sequences of tests/iommufd (bind, map, attach,
            replace, nested HWPTs, invalidate, dirty tracking, fault
            queues, unmap, destroy) for the mock, VT-d and SMMUv3 drivers
Run from anywhere: python3 fuzz/mkseeds.py. Deterministic output."""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")


def put(harness, name, data):
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def u8(v): return struct.pack("<B", v & 0xff)
def u16(v): return struct.pack("<H", v & 0xffff)
def u32(v): return struct.pack("<I", v & 0xffffffff)
def u64(v): return struct.pack("<Q", v & 0xffffffffffffffff)

# ---- traces -------------------------------------------------------------
def traces():
    sd = os.path.join(ROOT, "traces", "samples")
    for fn in sorted(os.listdir(sd)):
        if fn.endswith(".md"):
            continue
        data = open(os.path.join(sd, fn), "rb").read()
        if fn.startswith("perf-iommu.txt"):
            put("traces", "import-perf-" + fn, b"\x01" + data)
        elif fn.startswith("trace-cmd-iommu.txt"):
            put("traces", "import-trace-cmd-" + fn, b"\x02" + data)
        else:
            put("traces", "read-" + fn, b"\x00" + data)
            if fn.endswith(".txt"):
                put("traces", "lines-" + fn, b"\x03" + data[:4096])

# ---- scenario -----------------------------------------------------------
def scenarios():
    sd = os.path.join(ROOT, "scenarios")
    sets = {
        "default.yaml": [b"iommu.caches.iotlb.sets=16", b"devices.0.params.count=500",
                         b"run.mode=fast"],
        "smmuv3-nested.yaml": [b"iommu.timing.walkers=2", b"software.stage1_levels=4"],
        "vtd-stage2-at.yaml": [b"iommu.preset=minimal", b"memory.latency_ns=100"],
    }
    for fn in sorted(os.listdir(sd)):
        if not fn.endswith(".yaml"):
            continue
        data = open(os.path.join(sd, fn), "rb").read()
        put("scenario", fn, data)
        if fn in sets:
            put("scenario", fn + ".sets", data + b"\0" + b"\0".join(sets[fn]) + b"\0")

# ---- tables / mmio (fuzz_model.h) -----------------------------------------
PG = 4096
T_WRITE, T_FILL, T_XLATE, T_XLATE2, T_INVAL, T_DRAIN = range(6)
M_MMIO_W, M_MMIO_W2, M_MMIO_R, M_DESC, M_DESC2, M_WRITE, M_FILL, M_XLATE, M_DRAIN, M_INVAL = range(10)


class Prog:
    def __init__(self, hdr, ops):
        self.b = bytearray(u8(hdr))
        self.ops = ops  # opcode numbers of this harness

    def w64(self, pa, v):
        self.b += u8(self.ops["write"]) + u16(pa // 8) + u64(v)

    def fill(self, page, v, step):
        self.b += u8(self.ops["fill"]) + u8(page) + u64(v) + u8(step)

    def xlate(self, sid, iova, pasid=None, write=False, ln=8):
        fl = (1 if pasid is not None else 0) | ((2 if write else 1) << 4)
        self.b += u8(self.ops["xlate"]) + u8(fl) + u16(sid) + u32(pasid or 0) + u64(iova) + u16(ln - 1) + u8(1)

    def inval(self):
        self.b += u8(self.ops["inval"])

    def drain(self):
        self.b += u8(self.ops["drain"])


TOPS = {"write": T_WRITE, "fill": T_FILL, "xlate": T_XLATE, "inval": T_INVAL, "drain": T_DRAIN}
MOPS = {"write": M_WRITE, "fill": M_FILL, "xlate": M_XLATE, "inval": M_INVAL, "drain": M_DRAIN}


def vtd_ss_tables(p, top, leaf_base, rw=3):
    # 4-level second-stage table: pages top..top+3, leaf page maps 512 pages
    for lvl in range(3):
        p.w64((top + lvl) * PG, (top + lvl + 1) * PG | rw)
    p.fill(top + 3, leaf_base | rw, 1)


def vtd_fs_tables(p, top, leaf_base):
    for lvl in range(3):
        p.w64((top + lvl) * PG, (top + lvl + 1) * PG | 0x7)
    p.fill(top + 3, leaf_base | 0x7, 1)


def vtd_scalable(p, devfn=8):
    p.w64(0, 1 * PG | 1)                                   # root[bus 0].lo: LP
    p.w64(1 * PG + 32 * devfn, 2 * PG | 1)                  # context: PASID dir, P
    p.w64(2 * PG, 3 * PG | 1)                               # PASID dir[0]
    # PASID 0 (RID_PASID): second stage only, 48-bit
    p.w64(3 * PG, 4 * PG | 2 << 2 | 2 << 6 | 1)
    p.w64(3 * PG + 8, 1)
    # PASID 1: first stage only, 4-level
    p.w64(3 * PG + 64, 2 << 2 | 1 << 6 | 1)
    p.w64(3 * PG + 72, 2)
    p.w64(3 * PG + 80, 12 * PG)
    # PASID 2: nested, FS over an identity second stage
    p.w64(3 * PG + 128, 20 * PG | 2 << 2 | 3 << 6 | 1)
    p.w64(3 * PG + 136, 3)
    p.w64(3 * PG + 144, 12 * PG)


def tables_and_mmio():
    for harness, ops, extra in (("tables", TOPS, 0), ("mmio", MOPS, 0)):
        # VT-d, scalable mode, SS / FS / nested
        p = Prog(0x00 | extra, ops)
        vtd_scalable(p)
        vtd_ss_tables(p, 4, 0x100000)
        vtd_fs_tables(p, 12, 0x200000)
        vtd_ss_tables(p, 20, 0x0)      # identity: GPA 0..2M -> PA 0..2M
        for i in range(4):
            p.xlate(8, i * PG, write=bool(i & 1))
            p.xlate(8, i * PG, pasid=1)
            p.xlate(8, i * PG + 8, pasid=2, write=True)
        p.inval()
        p.xlate(8, 0x1000)
        p.xlate(9, 0x1000)             # no context entry: a fault
        p.drain()
        put(harness, "vtd-scalable-ss-fs-nested", bytes(p.b))
        # VT-d minimal preset, second stage only
        p = Prog(0x02, ops)
        vtd_scalable(p)
        vtd_ss_tables(p, 4, 0x100000)
        for i in range(8):
            p.xlate(8, i * 0x1000 + i)
        put(harness, "vtd-minimal-ss", bytes(p.b))
        # VT-d legacy mode: root -> legacy context -> second stage
        p = Prog(0x04, ops)
        p.w64(0, 1 * PG | 1)
        p.w64(1 * PG + 16 * 16, 4 * PG | 1)    # devfn 16: SLPTPTR, P, TT 0
        p.w64(1 * PG + 16 * 16 + 8, 2 | 5 << 8)  # AW 48-bit, DID 5
        vtd_ss_tables(p, 4, 0x300000)
        for i in range(4):
            p.xlate(16, i * PG)
        put(harness, "vtd-legacy", bytes(p.b))
        # SMMUv3 linear stream table: S1 (sid 1), S2 (sid 2), nested (sid 3)
        p = Prog(0x01, ops)
        # CD at page 1: T0SZ 16, TG0 4K, EPD1, V, IPS 48, AA64, R, A, ASID 1
        cd0 = 16 | 1 << 30 | 1 << 31 | 5 << 32 | 1 << 41 | 1 << 45 | 1 << 46 | 1 << 48
        p.w64(1 * PG, cd0)
        p.w64(1 * PG + 8, 8 * PG)                      # TTB0
        p.w64(0 + 64 * 1, 1 | 5 << 1 | 1 * PG)         # STE 1: V, S1 translate, CD ptr
        for lvl in range(3):                            # S1 tables pages 8..11
            p.w64((8 + lvl) * PG, (9 + lvl) * PG | 3)
        p.fill(11, 0x400000 | 3 | 1 << 10 | 1 << 6, 1)
        s2 = 0x1 | 16 << 32 | 2 << 38 | 5 << 48 | 1 << 51 | 1 << 58
        p.w64(64 * 2, 1 | 6 << 1)                      # STE 2: S2 translate
        p.w64(64 * 2 + 16, s2)
        p.w64(64 * 2 + 24, 16 * PG)
        for lvl in range(3):                            # S2 tables pages 16..19
            p.w64((16 + lvl) * PG, (17 + lvl) * PG | 3)
        p.fill(19, 0x0 | 3 | 1 << 10 | 3 << 6 | 0xf << 2, 1)   # identity 0..2M
        p.w64(64 * 3, 1 | 7 << 1 | 1 * PG)             # STE 3: nested
        p.w64(64 * 3 + 16, s2 | 2)
        p.w64(64 * 3 + 24, 16 * PG)
        for sid in (1, 2, 3, 4, 70):
            for i in range(3):
                p.xlate(sid, i * PG + 16, write=bool(i & 1))
        p.inval()
        p.xlate(1, 0)
        p.drain()
        put(harness, "smmu-linear-s1-s2-nested", bytes(p.b))
        # SMMUv3 s1only preset, two-level stream table (L1 at page 0 -> L2 page 2)
        p = Prog(0x07, ops)
        p.w64(0, 2 * PG | 7)                            # L1[0]: Span 7 (64 STEs)
        p.w64(1 * PG, cd0)
        p.w64(1 * PG + 8, 8 * PG)
        p.w64(2 * PG + 64 * 5, 1 | 5 << 1 | 1 * PG)
        for lvl in range(3):
            p.w64((8 + lvl) * PG, (9 + lvl) * PG | 3)
        p.fill(11, 0x400000 | 3 | 1 << 10 | 1 << 6, 1)
        for i in range(4):
            p.xlate(5, i * PG)
        p.xlate(4000, 0)
        put(harness, "smmu-2level-s1only", bytes(p.b))

    # mmio: bring-up sequences from bare registers, and queue commands
    def mw(p, off, val, size=4):
        p.b += u8(M_MMIO_W) + u32(off << 2 | (1 if size == 8 else 0)) + u64(val)

    def mr(p, off, size=4):
        p.b += u8(M_MMIO_R) + u32(off << 2 | (1 if size == 8 else 0))

    def desc(p, *qw):
        qw = list(qw) + [0] * (4 - len(qw))
        p.b += u8(M_DESC) + b"".join(u64(q) for q in qw)

    p = Prog(0x08, MOPS)      # VT-d bare
    for off in (0x0, 0x8, 0x10, 0x1c):
        mr(p, off, 8 if off in (0x8, 0x10) else 4)
    mw(p, 0x20, 0 | 1 << 10, 8)            # RTADDR, scalable
    mw(p, 0x18, 1 << 30)                   # SRTP
    mw(p, 0x90, 56 * PG | 1 << 11, 8)      # IQA, DW
    mw(p, 0x88, 0, 8)
    mw(p, 0x18, 1 << 26)                   # QIE
    mw(p, 0x18, 1 << 26 | 1 << 31)         # TE
    mr(p, 0x1c)
    desc(p, 0x5 | 1 << 5 | 0x1234 << 32, 62 * PG)   # wait, status write
    desc(p, 0x1 | 1 << 4)                  # context-cache global
    desc(p, 0x2 | 1 << 4 | 3 << 6)         # IOTLB global
    desc(p, 0x7 | 3 << 4)                  # PASID-cache global
    desc(p, 0x6 | 2 << 4 | 1 << 16 | 1 << 32)  # PASID-based IOTLB
    desc(p, 0x3, 0)                        # device-TLB
    desc(p, 0xf)                           # bad type: IQE
    mr(p, 0x34)
    mr(p, 0xb0, 8)
    mw(p, 0x34, 0xff)
    mw(p, 0x38, 0)
    mw(p, 0xd0, 60 * PG, 8)                # PQA
    mw(p, 0x200 + 8, 1 << 63 | 1 << 60, 8)     # IOTLB_REG global
    mw(p, 0x28, 1 << 63 | 1 << 61, 8)          # CCMD global
    mr(p, 0x28, 8)
    put("mmio", "vtd-bringup-qi", bytes(p.b))

    p = Prog(0x09, MOPS)      # SMMUv3 bare
    for off in (0x0, 0x4, 0x8, 0xc, 0x10, 0x14, 0x18, 0x1c):
        mr(p, off)
    mw(p, 0x88, 6)                         # STRTAB_BASE_CFG linear 64
    mw(p, 0x80, 0, 8)
    mw(p, 0x90, 56 * PG | 8, 8)            # CMDQ_BASE
    mw(p, 0x98, 0)
    mw(p, 0x9c, 0)
    mw(p, 0xa0, 60 * PG | 7, 8)            # EVTQ_BASE
    mw(p, 0x100a8, 0)
    mw(p, 0x100ac, 0)
    mw(p, 0x50, 5)
    mw(p, 0x20, 0xc)
    mw(p, 0x20, 0xd)
    mr(p, 0x24)
    desc(p, 0x04, 31)                      # CFGI_STE_RANGE all
    desc(p, 0x03 | 1 << 32, 0)             # CFGI_STE sid 1
    desc(p, 0x06 | 1 << 32)                # CFGI_CD_ALL
    desc(p, 0x10 | 1 << 32)                # TLBI_NH_ALL vmid 1
    desc(p, 0x12 | 1 << 48, 0x1000)        # TLBI_NH_VA
    desc(p, 0x28)                          # TLBI_S12_VMALL
    desc(p, 0x2a, 0x2000)                  # TLBI_S2_IPA
    desc(p, 0x30)                          # TLBI_NSNH_ALL
    desc(p, 0x40 | 1 << 32, 0)             # ATC_INV
    desc(p, 0x46)                          # SYNC
    desc(p, 0x7f)                          # illegal: CERROR_ILL
    mr(p, 0x60)
    mr(p, 0x9c)
    mw(p, 0x64, 1)
    mw(p, 0x20, 0)                         # disable again
    put("mmio", "smmu-bringup-cmdq", bytes(p.b))

# ---- iommufd (fuzz_iommufd.c) -------------------------------------------
(C_OPEN_IOMMUFD, C_OPEN_DEV, C_BIND, C_IOAS_ALLOC, C_IOAS_MAP, C_IOAS_MAP2,
 C_IOAS_UNMAP, C_IOAS_COPY, C_IOVA_RANGES, C_ALLOW_IOVAS, C_OPTION,
 C_HWPT_ALLOC, C_HWPT_ALLOC2, C_ATTACH, C_DETACH, C_INVALIDATE,
 C_DIRTY_TRACKING, C_DIRTY_BITMAP, C_FAULT_ALLOC, C_FAULT_READ,
 C_FAULT_WRITE, C_DESTROY, C_HW_INFO, C_CLOSE, C_DMA, C_RAW, C_VFIO_IOAS) = range(27)


class Calls:
    def __init__(self, hdr):
        self.b = bytearray(u8(hdr))
        self.ids = []   # names, in the order the kernel handed them out

    def idx(self, name):
        # id(): b < 0xf0 picks ids[nids - 1 - b % nids]
        if name is None:
            return u8(0xf0)
        return u8(len(self.ids) - 1 - self.ids.index(name))

    def got(self, name):
        self.ids.append(name)

    def op(self, *parts):
        self.b += b"".join(parts)


def iova_aperture(pages):
    return u8(0) + u16(pages)


def prog(kind):
    # header bit 2: the VT-d model under Linux's Intel driver, not simvtd
    hdr = {"mock": 0, "vtd": 1, "smmu": 2, "intel": 1 | 4}[kind]
    c = Calls(hdr)
    c.op(u8(C_OPEN_DEV), u8(0))
    c.op(u8(C_BIND), u8(0), u8(0), u8(0)); c.got("dev")
    c.op(u8(C_IOAS_ALLOC), u8(0), u8(0)); c.got("ioas")
    # 16 pages of buf at the aperture start, fixed, read/write
    c.op(u8(C_IOAS_MAP), u8(0), u8(7), c.idx("ioas"), u8(0), u8(0), u8(16 << 2), iova_aperture(0))
    # and more, anywhere (auto IOVA)
    c.op(u8(C_IOAS_MAP), u8(0), u8(7), c.idx("ioas"), u8(0), u8(16), u8(4 << 2), iova_aperture(64))
    c.op(u8(C_IOVA_RANGES), u8(0), c.idx("ioas"), u8(4), u8(0), u8(32))
    c.op(u8(C_ATTACH), u8(0), c.idx("ioas"), u8(0)); c.got("auto_hwpt")
    if kind == "mock":
        c.op(u8(C_DMA), u8(2), c.idx("auto_hwpt"), iova_aperture(1), b"D" * 64, u8(0), u8(15))
    else:
        c.op(u8(C_DMA), u8(1 | 8), u8(0), u32(0), iova_aperture(1))
    c.op(u8(C_HW_INFO), u8(0), u8(0), c.idx("dev"), u8(64), u8(0), u8(40))
    # nest parent, with dirty tracking, and a replace onto it
    c.op(u8(C_HWPT_ALLOC), u8(0), u8(1 if kind == "smmu" else 1 | 2), c.idx("dev"), c.idx("ioas"), u8(0xf0), u8(0), u8(0), u8(1)); c.got("parent")
    c.op(u8(C_ATTACH), u8(0), c.idx("parent"), u8(0)); c.got("parent2")
    c.op(u8(C_DIRTY_TRACKING), u8(0), u8(1), c.idx("parent"))
    c.op(u8(C_DIRTY_BITMAP), u8(0), c.idx("parent"), u8(0), iova_aperture(0), u8(16 << 2), u8(1), u8(0), u8(48))
    # a fault queue, and a nested HWPT on the parent with driver data
    c.op(u8(C_FAULT_ALLOC), u8(0), u8(0)); c.got("fault")
    if kind == "mock":
        dt, data = 4, u32(0x1234)                          # IOMMU_HWPT_DATA_SELFTEST
        it, entry = 3, u32(0) + u32(0)                     # selftest invalidation
    elif kind in ("vtd", "intel"):
        dt, data = 1, u64(0) + u64(0x1000000 + 4096 * 2) + u32(48) + u32(0)
        it, entry = 0, u64(0x1000000) + u64(4096) + u32(0) + u32(0)   # addr, npages, flags
    else:
        ste0 = 1 | 5 << 1 | (0x1000000 + 4096)             # V, S1, CD ptr (an IPA)
        dt, data = 2, u64(ste0) + u64(0)
        it, entry = 1, u64(0x30) + u64(0)                  # TLBI_NSNH_ALL
    c.op(u8(C_HWPT_ALLOC), u8(0), u8(4), c.idx("dev"), c.idx("parent"), c.idx("fault"), u8(dt),
         u8(len(data)), data, u8(1)); c.got("nested")
    c.op(u8(C_ATTACH), u8(0), c.idx("nested"), u8(0)); c.got("nested2")
    if kind == "mock":
        c.op(u8(C_DMA), u8(0), c.idx("nested"), iova_aperture(2), b"N" * 64, u8(0), u8(7))
    else:
        c.op(u8(C_DMA), u8(1), u8(0), u32(0), iova_aperture(2))
    c.op(u8(C_FAULT_READ), u8(0), u8(1), u8(1), u8(1), u8(0))
    c.op(u8(C_INVALIDATE), u8(0), c.idx("nested"), u8(it), u8(len(entry)), u8(1), entry, u8(1))
    c.op(u8(C_IOAS_COPY), u8(0), u8(7), c.idx("ioas"), c.idx("ioas"), u8(4 << 2), iova_aperture(256), iova_aperture(0))
    c.op(u8(C_DETACH), u8(0), u8(0))
    c.op(u8(C_IOAS_UNMAP), u8(0), c.idx("ioas"), iova_aperture(0), u8(16 << 2))
    c.op(u8(C_DESTROY), u8(0), c.idx("nested"))
    c.op(u8(C_DESTROY), u8(0), c.idx("parent"))
    c.op(u8(C_OPTION), u8(0), u8(1), u8(0), c.idx("ioas"), u8(1), u8(1))
    c.op(u8(C_VFIO_IOAS), u8(0), c.idx("ioas"), u8(1))
    c.op(u8(C_IOAS_UNMAP), u8(0), c.idx("ioas"), iova_aperture(0), u8(0xff))
    c.op(u8(C_CLOSE), u8(1))
    put("iommufd", "calls-" + kind, bytes(c.b))
    # bad pointers and a second iommufd
    c = Calls(hdr)
    c.op(u8(C_OPEN_IOMMUFD))
    c.op(u8(C_IOAS_ALLOC), u8(1), u8(0)); c.got("ioas")
    c.op(u8(C_IOAS_MAP), u8(1), u8(7), c.idx("ioas"), u8(4), u8(0), u8(4 << 2), iova_aperture(0))
    c.op(u8(C_IOAS_MAP), u8(1), u8(6), c.idx("ioas"), u8(7), u64(0x1234000), u8(4 << 2), iova_aperture(0))
    c.op(u8(C_IOAS_MAP), u8(1), u8(6), c.idx("ioas"), u8(3), u32(BUF_SIZE - 4096), u8(2 << 2), iova_aperture(0))
    c.op(u8(C_IOAS_MAP), u8(0), u8(6), c.idx("ioas"), u8(0), u8(0), u8(1 << 2), iova_aperture(0))
    c.op(u8(C_IOVA_RANGES), u8(1), c.idx("ioas"), u8(4), u8(5))
    c.op(u8(C_RAW), u8(5), u8(32), b"\x20" + b"\0" * 31, u8(0))
    c.op(u8(C_CLOSE), u8(0))
    put("iommufd", "badptr-" + kind, bytes(c.b))


BUF_SIZE = 64 * 4096


def iommufd():
    for k in ("mock", "vtd", "smmu", "intel"):
        prog(k)


if __name__ == "__main__":
    traces()
    scenarios()
    tables_and_mmio()
    iommufd()
