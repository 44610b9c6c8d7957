// SPDX-License-Identifier: GPL-2.0-only
/* Scenario files: values, overrides, and file:line for every kind of mistake. */
#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "simtest.h"
#include "st_util.h"

static const char *GOOD =
	"name: t\n"                                     /* 1 */
	"seed: 9\n"                                     /* 2 */
	"iommu:\n"                                      /* 3 */
	"  kind: vtd\n"                                 /* 4 */
	"  preset: spr\n"                               /* 5 */
	"  caches:\n"                                   /* 6 */
	"    iotlb: { sets: 16, ways: 2, repl: fifo }\n"/* 7 */
	"  timing: { walkers: 2, mem_read_ns: 70 }\n"   /* 8 */
	"software: { driver: direct, setup: nested, guest_ram: 1T, stage2_page: 1G }\n"
	"run: { mode: fast, length: 2.5us }\n"          /* 10 */
	"devices:\n"                                    /* 11 */
	"  - name: a\n"                                 /* 12 */
	"    sid: 0x10\n"                               /* 13 */
	"    generator: nic\n"                          /* 14 */
	"    params: { count: 5, churn: 1 }\n"          /* 15 */
	"control:\n"                                    /* 16 */
	"  - { at: 1us, op: inval, device: a, as: 1, size: all }\n";

static struct scenario sc;

/* Load text as a scenario; returns the error message ("" on success). */
static const char *load(const char *text, const char *const *sets, unsigned n)
{
	static struct sim_err err;
	const char *p = st_write("s.yaml", text);

	memset(&err, 0, sizeof(err));
	if (!scenario_load(&sc, p, sets, n, &err))
		return "";
	/* strip the directory: messages start with the path given */
	return strstr(err.msg, "s.yaml") ? strstr(err.msg, "s.yaml") : err.msg;
}

TEST(SimScenario, GoodFileValues)
{
	ASSERT_STREQ(load(GOOD, NULL, 0), "");
	EXPECT_STREQ(sc.name, "t");
	EXPECT_EQ(sc.seed, 9);
	EXPECT_EQ(sc.vtd.seed, 9);      /* the run seed drives the model's streams */
	EXPECT_EQ(sc.vtd.iotlb.sets, 16);
	EXPECT_EQ(sc.vtd.iotlb.ways, 2);
	EXPECT_EQ(sc.vtd.iotlb.repl, CACHE_REPL_FIFO);
	EXPECT_EQ(sc.vtd.timing.walkers, 2);
	EXPECT_EQ(sc.vtd.timing.mem_read_ns, 70);
	EXPECT_EQ(sc.guest_ram, 1ULL << 40);
	EXPECT_EQ(sc.s2_page_shift, 30);
	EXPECT_EQ(sc.setup, SCEN_SETUP_NESTED);
	EXPECT_EQ(sc.mode, SCEN_MODE_FAST);
	EXPECT_EQ(sc.length, 2500000);
	ASSERT_EQ(sc.ndev, 1);
	EXPECT_EQ(sc.dev[0].sid, 0x10);
	EXPECT_STREQ(sc.dev[0].gen, "nic");
	EXPECT_STREQ(sc.dev[0].gen_params, "count=5,churn=1");
	ASSERT_EQ(sc.nctrl, 1);
	EXPECT_EQ(sc.ctrl[0].ev.kind, TRACE_INVAL);
	EXPECT_EQ(sc.ctrl[0].ev.size, 0);
	EXPECT_EQ(sc.ctrl[0].ev.time, 1000000);
}

/*
 * Single-quoted scalars are read from the source by the scenario code
 * (libfyaml 0.7.12 leaks five or more '' in a row): '' is a quote, a
 * line break folds into a space, an empty line into a newline, and a
 * key may be quoted like any scalar.
 */
TEST(SimScenario, SingleQuotedScalars)
{
	char text[1024];

	/* GOOD with its first line, "name: t", replaced */
	snprintf(text, sizeof(text), "%s%s",
		 "'name': 'it''s ''''''''''''six'''''''''' \n   folded  \n\n  twice'\n",
		 strchr(GOOD, '\n') + 1);
	ASSERT_STREQ(load(text, NULL, 0), "");
	EXPECT_STREQ(sc.name, "it's ''''''six''''' folded\ntwice");
	snprintf(text, sizeof(text), "name: ''\n%s", strchr(GOOD, '\n') + 1);
	ASSERT_STREQ(load(text, NULL, 0), "");
	EXPECT_STREQ(sc.name, "");
}

/* Tabs and C0 control characters are refused with their line (YAML 5.1, 6.1). */
TEST(SimScenario, TabsAndControlCharactersAreRefused)
{
	EXPECT_STREQ(load("name: t\nseed:\t2\n", NULL, 0),
		     "s.yaml:2: a tab character (indent with spaces; a scenario file holds no tabs)");
	EXPECT_STREQ(load("name: t\n\nseed: 2\b\n", NULL, 0),
		     "s.yaml:3: control character 0x08 (YAML allows none)");
}

TEST(SimScenario, OverridesWinAndAreRecorded)
{
	const char *sets[] = { "iommu.caches.iotlb.sets=32", "devices.0.params.count=7",
			       "run.mode=lt", "iommu.caches.fs_psc.ways=1" };

	ASSERT_STREQ(load(GOOD, sets, 4), "");
	EXPECT_EQ(sc.vtd.iotlb.sets, 32);
	EXPECT_EQ(sc.vtd.iotlb.ways, 2);        /* untouched sibling */
	EXPECT_EQ(sc.vtd.fs_psc.ways, 1);       /* created key */
	EXPECT_STREQ(sc.dev[0].gen_params, "count=7,churn=1");
	EXPECT_EQ(sc.mode, SCEN_MODE_LT);
	EXPECT_EQ(sc.nsets, 4);
	EXPECT_STREQ(sc.sets[1], "devices.0.params.count=7");
}

TEST(SimScenario, OverrideErrorsSayWhere)
{
	const char *bad[] = { "iommu.caches.iotlb.sets=3" };
	const char *noitem[] = { "devices.4.sid=1" };
	const char *noeq[] = { "seed" };

	const char *m = load(GOOD, bad, 1);

	EXPECT_TRUE(strstr(m, "'sets': 3 is not a power of two") != NULL);
	if (!strstr(m, "(from --set)"))
		simtest_fail(__FILE__, __LINE__, "got: %s", m);
	EXPECT_TRUE(strstr(load(GOOD, noitem, 1), "no item 4") != NULL);
	EXPECT_TRUE(strstr(load(GOOD, noeq, 1), "expected key=value") != NULL);
}

/*
 * A cache block per model: iommu.kind picks one, in the order written
 * (plain names, and --set's new keys after everything, apply to the
 * chosen model); the other model's block is checked but changes nothing.
 */
TEST(SimScenario, CacheBlockPerModel)
{
	static const char *per_model =
		"iommu:\n"
		"  kind: vtd\n"
		"  caches:\n"
		"    vtd: { iotlb: { sets: 16, ways: 2 } }\n"
		"    smmuv3: { tlb: { sets: 128, ways: 4, repl: fifo } }\n"
		"devices: [ { name: a, sid: 0x10, generator: nic } ]\n";
	const char *smmu[] = { "iommu.kind=smmuv3" };
	const char *smmu_sets[] = { "iommu.kind=smmuv3", "iommu.caches.tlb.sets=32" };
	const char *vtd_sets[] = { "iommu.caches.iotlb.sets=64" };
	const char *wrong[] = { "iommu.kind=smmuv3", "iommu.caches.iotlb.sets=64" };
	struct cache_config vtd_full, smmu_tlb;
	const char *m;

	ASSERT_STREQ(load(per_model, NULL, 0), "");
	EXPECT_EQ(sc.vtd.iotlb.sets, 16);
	EXPECT_EQ(sc.vtd.iotlb.ways, 2);
	smmu_tlb = sc.smmu.tlb;
	ASSERT_STREQ(load("devices: [ { name: a, sid: 0x10, generator: nic } ]\n", NULL, 0), "");
	EXPECT_EQ(smmu_tlb.sets, sc.smmu.tlb.sets);     /* the SMMUv3 block changed nothing */
	EXPECT_EQ(smmu_tlb.repl, sc.smmu.tlb.repl);
	vtd_full = sc.vtd.iotlb;
	ASSERT_STREQ(load(per_model, smmu, 1), "");
	EXPECT_EQ(sc.iommu, SCEN_IOMMU_SMMUV3);
	EXPECT_EQ(sc.smmu.tlb.sets, 128);
	EXPECT_EQ(sc.smmu.tlb.ways, 4);
	EXPECT_EQ(sc.smmu.tlb.repl, CACHE_REPL_FIFO);
	EXPECT_EQ(sc.vtd.iotlb.sets, vtd_full.sets);    /* and now the VT-d block nothing */
	ASSERT_STREQ(load(per_model, smmu_sets, 2), "");
	EXPECT_EQ(sc.smmu.tlb.sets, 32);
	EXPECT_EQ(sc.smmu.tlb.ways, 4);
	ASSERT_STREQ(load(per_model, vtd_sets, 1), "");
	EXPECT_EQ(sc.vtd.iotlb.sets, 64);
	EXPECT_EQ(sc.vtd.iotlb.ways, 2);
	m = load(per_model, wrong, 2);
	if (strcmp(m, "s.yaml: (from --set) iommu.caches: unknown cache 'iotlb' for smmuv3 "
		      "(ste_cache, cd_cache, tlb, s1_walk, s2_walk, atc; or a block per model: "
		      "vtd, smmuv3)"))
		simtest_fail(__FILE__, __LINE__, "got: %s", m);
}

/* Replace line n (1-based) of GOOD with repl. */
static const char *with_line(unsigned n, const char *repl)
{
	static char buf[4096];
	const char *p = GOOD;
	size_t off = 0;

	for (unsigned l = 1; *p; l++) {
		const char *e = strchr(p, '\n');
		size_t len = (size_t)(e - p) + 1;

		if (l == n)
			off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s\n", repl);
		else
			off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%.*s", (int)len, p);
		p += len;
	}
	return buf;
}

/* One line of GOOD replaced, and the error it must give. */
static const struct {
	unsigned line;
	const char *repl, *want;
} line_errors[] = {
	{ 2, "sede: 9",
	  "s.yaml:2: unknown section 'sede' (name, seed, iommu, software, memory, run, devices, control)" },
	{ 7, "    iotlb: { sets: 6x, ways: 2 }", "s.yaml:7: 'sets': '6x' is not a number" },
	{ 7, "    iotlb: { sets: 12, ways: 2 }", "s.yaml:7: 'sets': 12 is not a power of two" },
	{ 7, "    iotlbx: { sets: 16 }",
	  "s.yaml:7: iommu.caches: unknown cache 'iotlbx' for vtd (context_cache, pasid_cache, iotlb, fs_psc, ss_psc, devtlb; or a block per model: vtd, smmuv3)" },
	{ 7, "    smmuv3: { iotlb: { sets: 16 } }",
	  "s.yaml:7: iommu.caches.smmuv3: unknown cache 'iotlb' for smmuv3 (ste_cache, cd_cache, tlb, s1_walk, s2_walk, atc)" },
	{ 7, "    vtd: { iotlb: { sets: 12 } }", "s.yaml:7: 'sets': 12 is not a power of two" },
	{ 7, "    smmuv3: { tlb: { sets: 12 } }", "s.yaml:7: 'sets': 12 is not a power of two" },
	{ 7, "    vtd: 64", "s.yaml:7: 'iommu.caches.vtd' must be a mapping (key: value lines)" },
	{ 7, "    vtd: { vtd: { iotlb: { sets: 16 } } }",
	  "s.yaml:7: iommu.caches.vtd: unknown cache 'vtd' for vtd (context_cache, pasid_cache, iotlb, fs_psc, ss_psc, devtlb)" },
	{ 5, "  preset: zen", "s.yaml:5: 'iommu.preset': unknown VT-d preset 'zen' (one of: spr, minimal)" },
	{ 10, "run: { mode: fast, length: 2.5 parsecs }",
	  "s.yaml:10: 'length': '2.5 parsecs' is not a time (e.g. 500ns, 2.5us, 1ms)" },
	{ 13, "    sidd: 0x10",
	  "s.yaml:13: unknown device key 'sidd' (name, sid, outstanding, pri, trace, generator, params)" },
	{ 14, "    generator: gpu", "s.yaml:14: unknown generator 'gpu' (pciebench, nic, nvme, accel)" },
	{ 14, "    outstanding: 4", "s.yaml:12: device 'a' needs exactly one of 'trace' and 'generator'" },
	{ 17, "  - { at: 1us, op: inval, device: b, as: 1 }", "s.yaml:17: no device named 'b'" },
	{ 17, "  - { at: 1us, op: map, device: a, as: 1, iova: 0x1001, size: 4K, pa: 0 }",
	  "s.yaml:17: map: iova 0x1001 is not 4 KiB aligned" },
};

TEST(SimScenario, ErrorsNameFileAndLine)
{
	for (unsigned i = 0; i < sizeof(line_errors) / sizeof(line_errors[0]); i++) {
		const char *got = load(with_line(line_errors[i].line, line_errors[i].repl), NULL, 0);

		if (strcmp(got, line_errors[i].want))
			simtest_fail(__FILE__, __LINE__, "line %u as \"%s\"\n  got:  %s\n  want: %s",
				     line_errors[i].line, line_errors[i].repl, got, line_errors[i].want);
	}
	/* the generator's own message follows the place */
	EXPECT_TRUE(strncmp(load(with_line(15, "    params: { count: 5, churn: maybe }"), NULL, 0),
			    "s.yaml:15: params: ", 19) == 0);
}

TEST(SimScenario, SyntaxErrorsAndMissingFiles)
{
	struct sim_err err;
	const char *msg = load(with_line(8, "  timing: { walkers: 2, mem_read_ns: 70"), NULL, 0);

	/* an unclosed flow mapping: libfyaml notices on a following line */
	EXPECT_TRUE(strncmp(msg, "s.yaml:", 7) == 0);
	EXPECT_GE(atoi(msg + 7), 8);
	EXPECT_STREQ(load("", NULL, 0), "s.yaml: not a YAML document");
	EXPECT_STREQ(load("- 1\n- 2\n", NULL, 0),
		     "s.yaml:1: a scenario is a mapping of sections (name, seed, iommu, software, memory, run, devices, control)");
	EXPECT_EQ(scenario_load(&sc, "/nonexistent/x.yaml", NULL, 0, &err), -1);
	EXPECT_STREQ(err.msg, "/nonexistent/x.yaml: No such file or directory");
	/* invalid UTF-8 is refused before libfyaml, which may hang on it
	 * (fuzz/regress/scenario/libfyaml-directive-invalid-utf8-hang) */
	EXPECT_STREQ(load("name: x\n%\xa0 y\n", NULL, 0),
		     "s.yaml:2: not valid UTF-8 (a YAML file must be)");
	EXPECT_TRUE(strstr(load("name: \xc3\xa9t\xc3\xa9\n", NULL, 0), "UTF-8") == NULL);
	EXPECT_STREQ(load("name: \xe2\x82\n", NULL, 0),
		     "s.yaml:1: not valid UTF-8 (a YAML file must be)");
}

TEST(SimScenario, NumberAndTimeParsers)
{
	uint64_t v;
	sim_time_t t;

	EXPECT_OK(scen_parse_size("2M", &v));
	EXPECT_EQ(v, 2ULL << 20);
	EXPECT_OK(scen_parse_size("0x1000", &v));
	EXPECT_EQ(v, 4096);
	EXPECT_OK(scen_parse_size("1TiB", &v));
	EXPECT_EQ(v, 1ULL << 40);
	EXPECT_EQ(scen_parse_size("-1", &v), -1);
	EXPECT_EQ(scen_parse_size("17000000T", &v), -1);        /* overflows 64 bits */
	EXPECT_OK(scen_parse_time("2.5us", &t));
	EXPECT_EQ(t, 2500000);
	EXPECT_OK(scen_parse_time("10", &t));                   /* bare: ns, as in traces */
	EXPECT_EQ(t, 10000);
	EXPECT_OK(scen_parse_time("3ms", &t));
	EXPECT_EQ(t, 3000000000ULL);
	EXPECT_EQ(scen_parse_time("3 weeks", &t), -1);
	/* strtod() reads "nan" and "inf": neither is a time (the fuzzer's "nans"). */
	EXPECT_EQ(scen_parse_time("nans", &t), -1);
	EXPECT_EQ(scen_parse_time("nan", &t), -1);
	EXPECT_EQ(scen_parse_time("infus", &t), -1);
}

/* Every scenario shipped in scenarios/ parses. */
TEST(SimScenario, ShippedScenariosParse)
{
	static const char *const names[] = { "default", "smmuv3-nested", "smmuv3-stage2",
					      "vtd-stage2-at", "sweep-iotlb", "huge-guest",
					      "nic-guest-inval" };
	struct sim_err err;

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[1024];

		snprintf(path, sizeof(path), "%s/%s.yaml", SCENARIOS_DIR, names[i]);
		if (scenario_load(&sc, path, NULL, 0, &err))
			simtest_fail(__FILE__, __LINE__, "%s", err.msg);
	}
}
