// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_lt.cc - the SystemC LT platform on the all-IOTLB-hit stream of
 * bench_sim_fast, against an empty LT b_transport loop (initiator with a
 * quantum keeper, target that only annotates a delay) in the same
 * process and the same sc_start(). The empty loop's thread does not
 * yield until it is done, so its wall time is its own; the platform's is
 * the rest. The fast path runs the same stream first (no SystemC), which
 * gives the platform's own overhead as a second ratio.
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

#include "bench_clock.h"
#include "sim_bench.h"

extern "C" {
#include "run.h"
int sim_platform_systemc(struct sim_run *r, struct sim_err *err);
}

using namespace sc_core;


SC_MODULE(empty_target) {
	tlm_utils::simple_target_socket<empty_target> socket;
	SC_CTOR(empty_target) : socket("socket")
	{
		socket.register_b_transport(this, &empty_target::b_transport);
	}
	void b_transport(tlm::tlm_generic_payload &t, sc_time &delay)
	{
		delay += sc_time(6, SC_NS);
		t.set_response_status(tlm::TLM_OK_RESPONSE);
	}
};

SC_MODULE(empty_initiator) {
	tlm_utils::simple_initiator_socket<empty_initiator> socket;
	unsigned long long n;
	double wall = 0;

	SC_HAS_PROCESS(empty_initiator);
	empty_initiator(sc_module_name nm, unsigned long long count)
		: sc_module(nm), socket("socket"), n(count)
	{
		SC_THREAD(run);
	}
	void run()
	{
		tlm::tlm_generic_payload t;
		unsigned char buf[64];
		sc_time local = SC_ZERO_TIME;
		double t0 = bench_now_s();

		t.set_data_ptr(buf);
		t.set_data_length(64);
		t.set_streaming_width(64);
		for (unsigned long long i = 0; i < n; i++) {
			sc_time d = local;

			t.set_command(tlm::TLM_READ_COMMAND);
			t.set_address((i * 64) % 65536);
			t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
			socket->b_transport(t, d);
			local += sc_time(4, SC_NS);     /* the next issue, as a device would */
		}
		wall = bench_now_s() - t0;
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

	if (sim_bench_hit_scenario(&sc, dir, "{ mode: lt, quantum: 10us }", n))
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
	empty_initiator *ei = new empty_initiator("empty_init", n);
	empty_target *et = new empty_target("empty_target");
	ei->socket.bind(et->socket);
	if (sim_platform_systemc(&r, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t2 = bench_now_s();
	double plat = (double)r.requests / (t2 - t1 - ei->wall) / 1e6;
	double empty = (double)n / ei->wall / 1e6;

	printf("LT platform %lluM requests: %6.2f M translations/s (gen %.2f s)\n", n / 1000000,
	       plat, t1 - t0);
	printf("empty LT b_transport loop: %6.2f M transactions/s\n", empty);
	printf("ratio platform / empty loop: %.2f\n", plat / empty);
	printf("fast path on the same stream: %6.2f M translations/s; ratio LT / fast path: %.2f\n",
	       fast_rate, plat / fast_rate);
	sim_run_fini(&r);
	sim_bench_cleanup(dir);
	return 0;
}
