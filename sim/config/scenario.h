/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scenario.h - what one simulation run is: the IOMMU and its preset with
 * cache/timing overrides, the software set-up that programs it, the
 * devices and their traffic, the CPU's control sequence, run length and
 * seed. Parsed from YAML with libfyaml; every error names file:line.
 */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "smmu.h"
#include "trace.h"
#include "vtd.h"

#define SCEN_MAX_DEVICES 16
#define SCEN_MAX_CTRL    256
#define SCEN_MAX_SETS    32
#define SCEN_NAME_LEN    64
#define SCEN_PATH_LEN    1024

/* An error message: "file:line: what is wrong". */
struct sim_err {
	char msg[768];
};

/*
 * "file:line: what" for an error at a line of an input file; line <= 0:
 * "file: nowhere what" (nowhere names where it came from instead, e.g.
 * "(from --set) "). Returns -1 for the caller's return.
 */
__attribute__((format(printf, 5, 6)))
int sim_err_at(struct sim_err *err, const char *file, int line, const char *nowhere,
	       const char *fmt, ...);
void sim_err_set(struct sim_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

enum scen_iommu { SCEN_IOMMU_VTD, SCEN_IOMMU_SMMUV3 };

/* How the IOMMU gets programmed. */
enum scen_driver {
	SCEN_DRIVER_KERNEL,     /* the real iommufd + simvtd/simsmmu drivers */
	SCEN_DRIVER_DIRECT,     /* the simulator writes the tables itself */
};

/* What the software set-up builds for each trace address space. */
enum scen_setup {
	SCEN_SETUP_STAGE2,      /* host DMA API / VFIO without vIOMMU: stage 2 only */
	SCEN_SETUP_NESTED,      /* VMM with a vIOMMU: guest stage 1 over stage 2 */
};

/* How the guest's driver invalidates stage 1 after an unmap (guest_inval.h). */
enum scen_guest_inval {
	SCEN_GUEST_INVAL_LINUX,         /* Linux 6.12's choices (the default) */
	SCEN_GUEST_INVAL_FLUSH_ALL,     /* the whole address space, every time */
	SCEN_GUEST_INVAL_LEAF_ALWAYS,   /* leaf-only ranges, even past freed tables */
};

enum scen_rtl {
	SCEN_RTL_OFF,
	SCEN_RTL_LOCKSTEP,      /* the RTL caches replay the model's, checked */
	SCEN_RTL_TIMING,        /* lock-step, and the IOTLB's timing from the RTL */
};

enum scen_mode {
	SCEN_MODE_LT,           /* SystemC loosely timed, temporal decoupling */
	SCEN_MODE_AT,           /* SystemC approximately timed (nb_transport) */
	SCEN_MODE_FAST,         /* trace-driven, no SystemC kernel */
};

struct scen_device {
	char name[SCEN_NAME_LEN];
	uint32_t sid;           /* requester id / StreamID */
	unsigned outstanding;   /* requests in flight at most */
	bool pri;               /* PCIe PRI: page requests instead of faults */
	char trace[SCEN_PATH_LEN];      /* trace file, or "" with a generator */
	char gen[16];                   /* generator name */
	char gen_params[2048];          /* "k=v,k=v" for trace_gen_set */
	int line;                       /* where it was declared */
};

/* A step of the CPU's control sequence (a trace control event). */
struct scen_ctrl {
	struct trace_event ev;  /* kind map/unmap/inval/attach; time = at */
	unsigned dev;           /* device index: its address-space namespace */
	int line;
};

struct scenario {
	char path[SCEN_PATH_LEN];
	char dir[SCEN_PATH_LEN];        /* relative trace paths start here */
	char name[SCEN_NAME_LEN];
	uint64_t seed;

	enum scen_iommu iommu;
	char preset[SCEN_NAME_LEN];
	struct vtd_config vtd;
	struct smmu_config smmu;

	enum scen_rtl rtl;              /* iommu.rtl (models/rtl) */

	enum scen_driver driver;
	/*
	 * software.kernel_driver: the kernel driver under iommufd for
	 * driver: kernel. vtd: "intel" (Linux's drivers/iommu/intel, the
	 * default) or "simvtd"; smmuv3: "simsmmu". Set at load.
	 */
	char kernel_driver[16];
	enum scen_setup setup;
	uint64_t guest_ram;             /* bytes of guest-physical space */
	unsigned s1_levels, s2_levels;
	unsigned s2_page_shift;         /* stage-2 page size backing guest RAM */
	unsigned map_chunk_shift;       /* kernel set-up: IOAS map granule */
	bool demand_paging;             /* guest maps on page request (fault queue) */
	uint32_t fault_service_ns;      /* guest's page-request handling time */
	enum scen_guest_inval guest_inval;
	/*
	 * Nested: the software round trip of each guest invalidation outside
	 * the IOMMU (the trap on the vIOMMU's doorbell, the VMM's emulation
	 * and its IOMMU_HWPT_INVALIDATE, the return into the guest with its
	 * wait status written), added to its cost. Not simulated: 0 unless
	 * calibrated to a machine.
	 */
	uint32_t guest_inval_trap_ns;

	uint32_t mem_latency_ns;        /* DRAM latency of a DMA access */
	uint32_t mem_bw_mbps;           /* DRAM bandwidth, 10^6 B/s */

	enum scen_mode mode;
	sim_time_t length;              /* 0: until every trace ends */
	sim_time_t quantum;             /* LT global quantum */

	unsigned ndev;
	struct scen_device dev[SCEN_MAX_DEVICES];
	unsigned nctrl;
	struct scen_ctrl ctrl[SCEN_MAX_CTRL];

	/* The --set overrides applied, in order, for the report. */
	unsigned nsets;
	char sets[SCEN_MAX_SETS][256];
};

/*
 * Load path, applying "key=value" overrides (dotted YAML paths, e.g.
 * iommu.caches.iotlb.sets=64, devices.0.params.count=100) before it is
 * interpreted. 0, or -1 with "file:line: ..." in err.
 */
int scenario_load(struct scenario *sc, const char *path, const char *const *sets,
		  unsigned nsets, struct sim_err *err);

/* Names for reports. */
const char *scen_iommu_name(enum scen_iommu i);
const char *scen_driver_name(enum scen_driver d);
const char *scen_setup_name(enum scen_setup s);
const char *scen_guest_inval_name(enum scen_guest_inval g);

/*
 * A YAML file as a libfyaml document, or NULL with err: "file:line: what"
 * for a parse error, and a file that is not UTF-8 refused before libfyaml
 * sees it. Free it with scen_yaml_destroy(); read scalars with
 * scen_yaml_scalar().
 */
struct fy_document;
struct fy_node;
struct fy_document *scen_yaml_load(const char *path, struct sim_err *err);
/* The document and the source it keeps (not fy_document_destroy()). */
void scen_yaml_destroy(struct fy_document *fyd);
/* A scalar node's text, NUL-terminated; NULL if n is not a scalar (or no memory). */
const char *scen_yaml_scalar(struct fy_node *n);
const char *scen_mode_name(enum scen_mode m);

/* "64K", "1G" ... / "10us", "1.5ms" ... parsers shared with the CLI. */
int scen_parse_size(const char *s, uint64_t *out);
int scen_parse_time(const char *s, sim_time_t *out);

#endif /* SIM_SCENARIO_H */
