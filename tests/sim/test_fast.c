// SPDX-License-Identifier: GPL-2.0-only
/* The fast path in process: same scenario and seed, same report bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "simtest.h"
#include "st_util.h"

static const char *SCEN =
	"name: fast\nseed: 5\n"
	"iommu: { kind: vtd, caches: { iotlb: { sets: 8, ways: 2, repl: random } } }\n"
	"software: { driver: direct, setup: nested, guest_ram: 32G }\n"
	"run: { mode: fast }\n"
	"devices:\n"
	"  - { name: n, sid: 0x100, generator: nvme, params: { count: 300, inflight: 4 } }\n"
	"  - { name: c, sid: 0x200, generator: nic, params: { count: 300, churn: 1 } }\n"
	"control:\n"
	"  - { at: 20us, op: inval, device: c, as: 1 }\n";

static char *run_once(const char *const *sets, unsigned n)
{
	struct scenario *sc = calloc(1, sizeof(*sc));
	struct sim_err err;
	bool usage;
	json_t *rep;
	char *text = NULL;

	if (scenario_load(sc, st_write("f.yaml", SCEN), sets, n, &err)) {
		simtest_fail(__FILE__, __LINE__, "%s", err.msg);
		free(sc);
		return NULL;
	}
	rep = sim_run_scenario(sc, false, simtest_tmpdir(), &usage, &err);
	if (!rep)
		simtest_fail(__FILE__, __LINE__, "%s", err.msg);
	else
		text = report_dumps(rep);
	json_decref(rep);
	free(sc);
	return text;
}

TEST(SimFast, SameSeedSameBytesOtherSeedOtherResults)
{
	const char *seed6[] = { "seed=6" };
	char *a = run_once(NULL, 0), *b = run_once(NULL, 0), *c = run_once(seed6, 1);
	json_t *ja, *jc;

	ASSERT_TRUE(a && b && c);
	EXPECT_STREQ(a, b);
	ja = json_loads(a, 0, NULL);
	jc = json_loads(c, 0, NULL);
	ASSERT_TRUE(ja && jc);
	/* the NVMe generator draws its buffers from the seed */
	EXPECT_TRUE(strcmp(json_string_value(json_object_get(ja, "digest")),
			   json_string_value(json_object_get(jc, "digest"))) != 0);
	/* the digest is FNV-1a 64 of the compact statistics */
	{
		char *canon = json_dumps(json_object_get(ja, "statistics"),
					 JSON_COMPACT | JSON_REAL_PRECISION(10));
		char want[40];

		snprintf(want, sizeof(want), "fnv1a64:%016llx",
			 (unsigned long long)report_fnv1a64(canon, strlen(canon)));
		EXPECT_STREQ(json_string_value(json_object_get(ja, "digest")), want);
		free(canon);
	}
	/* every request is accounted once: devices sum to the total */
	{
		json_t *s = json_object_get(ja, "statistics"), *d = json_object_get(s, "devices");

		EXPECT_EQ(st_num(s, "requests"),
			  st_num(json_array_get(d, 0), "requests") + st_num(json_array_get(d, 1), "requests"));
		EXPECT_EQ(st_num(s, "requests"), st_num(s, "model.requests"));
		EXPECT_EQ(st_num(s, "translation_latency_ns.count"), st_num(s, "requests"));
		EXPECT_EQ(st_num(s, "faults.count"), 0);
		/* churn: one inval per packet, plus the control step */
		EXPECT_EQ(st_num(s, "invalidations.count"), 301);
	}
	/*
	 * Walk caches per level: each rate is that level's hits over the
	 * stage's probes, and the levels together are the PSC's hit rate
	 * (VT-d probes every level at once and counts one lookup).
	 */
	{
		json_t *s = json_object_get(ja, "statistics");
		json_t *hr = json_object_get(s, "hit_rates");
		double probes = st_model(ja, "walk_cache.ss.probes"), sum = 0;

		ASSERT_TRUE(probes > 0);
		EXPECT_EQ(probes, st_model(ja, "ss_psc.lookups"));
		for (int l = 2; l <= 5; l++) {
			char k[64], m[64];

			snprintf(k, sizeof(k), "walk_cache.ss.level%d", l);
			snprintf(m, sizeof(m), "walk_cache.ss.level%d.hits", l);
			/* the report prints reals with 10 significant digits */
			EXPECT_TRUE(fabs(json_real_value(json_object_get(hr, k)) -
					 st_model(ja, m) / probes) < 1e-9);
			sum += st_model(ja, m);
		}
		EXPECT_EQ(sum, st_model(ja, "ss_psc.hits"));
		EXPECT_TRUE(json_is_null(json_object_get(hr, "walk_cache.fs.level4")) ||
			    st_model(ja, "walk_cache.fs.probes") > 0);
	}
	json_decref(ja);
	json_decref(jc);
	free(a);
	free(b);
	free(c);
}

TEST(SimFast, TraceErrorsNameTheTraceLine)
{
	struct scenario *sc = calloc(1, sizeof(*sc));
	struct sim_err err;
	bool usage;
	json_t *rep;

	st_write("bad.txt", "#iommusim-trace v1\n0 attach 0x100 - 1\n0 map 1 0x1000 4K 0x1000 rw\n"
			    "5 dma 0x100 - 0x1000 64 r\n3 dma 0x100 - 0x1000 64 r\n");
	ASSERT_OK(scenario_load(sc, st_write("t.yaml",
		"name: t\nrun: { mode: fast }\ndevices:\n  - { name: d, sid: 0x100, trace: bad.txt }\n"),
		NULL, 0, &err));
	rep = sim_run_scenario(sc, false, "", &usage, &err);
	EXPECT_TRUE(rep == NULL);
	EXPECT_TRUE(strstr(err.msg, "bad.txt:5: time goes backwards") != NULL);
	json_decref(rep);
	free(sc);
}
