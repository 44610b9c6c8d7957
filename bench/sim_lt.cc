// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_lt.cc - the SystemC LT platform on the all-IOTLB-hit stream of
 * bench_sim_fast, against two empty b_transport loops in the same process
 * and the same sc_start(), each a target that only annotates a delay:
 *
 *   bare  the initiator calls b_transport and adds the issue gap to its
 *         local time, nothing else;
 *   qk    the initiator is a canonical LT initiator: the gap goes into a
 *         tlm_quantumkeeper (same global quantum as the platform), which
 *         is asked need_sync() and synced, as the platform's devices do.
 *
 * An empty loop's thread does not yield until it is done (the bare one)
 * or yields only at quantum boundaries (qk), so its wall time is measured
 * inside it; the platform's is the rest. The fast path runs the same
 * stream first (no SystemC), which gives the platform's own overhead per
 * request: the time the SystemC layer adds to the C engine.
 *
 *   build/release/bench/bench_sim_lt [millions]   (default 5)
 */
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "bench_clock.h"
#include "sim_bench.h"

extern "C" {
#include "run.h"
int sim_platform_systemc(struct sim_run *r, struct sim_err *err);
}

using namespace sc_core;


SC_MODULE(empty_target) {
	tlm_utils::simple_target_socket<empty_target> socket;
	const sc_time latency{6, SC_NS};
	SC_CTOR(empty_target) : socket("socket")
	{
		socket.register_b_transport(this, &empty_target::b_transport);
	}
	void b_transport(tlm::tlm_generic_payload &t, sc_time &delay)
	{
		delay += latency;
		t.set_response_status(tlm::TLM_OK_RESPONSE);
	}
};

SC_MODULE(empty_initiator) {
	tlm_utils::simple_initiator_socket<empty_initiator> socket;
	unsigned long long n;
	bool use_qk;
	tlm_utils::tlm_quantumkeeper qk;
	double wall = 0;

	SC_HAS_PROCESS(empty_initiator);
	empty_initiator(sc_module_name nm, unsigned long long count, bool with_qk)
		: sc_module(nm), socket("socket"), n(count), use_qk(with_qk)
	{
		SC_THREAD(run);
	}
	void run()
	{
		tlm::tlm_generic_payload t;
		unsigned char buf[64];
		const sc_time gap(4, SC_NS);    /* the next issue, as a device would */
		sc_time local = SC_ZERO_TIME;
		double t0 = bench_now_s(), paused = 0;

		qk.reset();
		t.set_data_ptr(buf);
		t.set_data_length(64);
		t.set_streaming_width(64);
		for (unsigned long long i = 0; i < n; i++) {
			sc_time d = use_qk ? qk.get_local_time() : local;

			t.set_command(tlm::TLM_READ_COMMAND);
			t.set_address((i * 64) % 65536);
			t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
			socket->b_transport(t, d);
			if (!use_qk) {
				local += gap;
				continue;
			}
			qk.inc(gap);
			if (qk.need_sync()) {
				/* other threads run during the sync: not this loop's time */
				double p0 = bench_now_s();

				qk.sync();
				paused += bench_now_s() - p0;
			}
		}
		wall = bench_now_s() - t0 - paused;
	}
};

int main(int argc, char **argv)
{
	unsigned long long n = (argc > 1 ? strtoull(argv[1], nullptr, 0) : 5) * 1000000ULL;
	char dir[SIM_BENCH_DIR_LEN];
	static struct scenario sc;
	static struct sim_run r;
	struct sim_err err;
	double t0, t1, t2, fast_rate = 0;

	if (sim_bench_hit_scenario(&sc, dir, "vtd", "{ mode: lt, quantum: 10us }", n))
		return 1;
	/* The fast path on the same stream first, for the SystemC overhead alone. */
	{
		static struct sim_run fr;
		double f0, f1;

		if (sim_run_init(&fr, &sc, dir, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		f0 = bench_now_s();
		if (sim_fast_run(&fr, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
		f1 = bench_now_s();
		fast_rate = (double)fr.requests / (f1 - f0) / 1e6;
		sim_run_fini(&fr);
	}
	t0 = bench_now_s();
	if (sim_run_init(&r, &sc, dir, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t1 = bench_now_s();
	empty_initiator *bare = new empty_initiator("empty_bare", n, false);
	empty_target *bare_t = new empty_target("empty_bare_target");
	empty_initiator *qk = new empty_initiator("empty_qk", n, true);
	empty_target *qk_t = new empty_target("empty_qk_target");
	bare->socket.bind(bare_t->socket);
	qk->socket.bind(qk_t->socket);
	if (sim_platform_systemc(&r, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t2 = bench_now_s();
	double plat = (double)r.requests / (t2 - t1 - bare->wall - qk->wall) / 1e6;
	double e_bare = (double)n / bare->wall / 1e6, e_qk = (double)n / qk->wall / 1e6;
	double over_ns = 1e3 / plat - 1e3 / fast_rate;

	printf("LT platform %lluM requests: %6.2f M translations/s (gen %.2f s)\n", n / 1000000,
	       plat, t1 - t0);
	printf("empty b_transport loop, bare:            %6.2f M transactions/s; ratio platform / loop: %.2f\n",
	       e_bare, plat / e_bare);
	printf("empty b_transport loop, quantum keeper:  %6.2f M transactions/s; ratio platform / loop: %.2f\n",
	       e_qk, plat / e_qk);
	printf("fast path on the same stream: %6.2f M translations/s; ratio LT / fast path: %.2f\n",
	       fast_rate, plat / fast_rate);
	printf("SystemC layer per request: %.1f ns = %.1f bare-loop iterations "
	       "(bound on the ratio with a free model and trace: %.2f)\n",
	       over_ns, over_ns * e_bare / 1e3, 1e3 / over_ns / e_bare);
	sim_run_fini(&r);
	sim_bench_cleanup(dir);
	return 0;
}
