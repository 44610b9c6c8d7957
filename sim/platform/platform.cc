// SPDX-License-Identifier: GPL-2.0-only
/*
 * platform.cc - the SystemC TLM-2.0 platform: thin modules over the C
 * run engine (sim/engine/run.h). Devices are initiators; the IOMMU is a target
 * for device DMA and an initiator to memory; memory is a target with a
 * latency and a bandwidth-limited channel; the CPU thread performs the
 * scenario's control sequence through the software stack at its times.
 *
 * LT: blocking transport with temporal decoupling (a quantum keeper per
 * device); the IOMMU and memory annotate delays. AT: non-blocking
 * transport with BEGIN_REQ/END_REQ/BEGIN_RESP/END_RESP phases and
 * payload event queues, so every request reaches the model and the
 * memory channel in global time order (contention between devices is
 * exact, at the price of speed).
 *
 * SystemC elaborates once per process: sim_platform_systemc() runs one
 * simulation per process.
 */
#include <cctype>
#include <cstdio>
#include <memory>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/peq_with_cb_and_phase.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

extern "C" {
#include "run.h"
}

using namespace sc_core;

namespace {

sc_time ps(sim_time_t v)
{
	return sc_time::from_value(v);
}

sim_time_t now_ps(const sc_time &delay = SC_ZERO_TIME)
{
	return (sc_time_stamp() + delay).value();
}

/*
 * A delay in ps as an sc_time, remembering the last conversion: an LT
 * stream annotates the same few delays over and over, and from_value()
 * is a library call.
 */
struct delay_memo {
	sim_time_t v = 0;
	sc_time t = SC_ZERO_TIME;

	const sc_time &operator()(sim_time_t x)
	{
		if (x != v) {
			v = x;
			t = sc_time::from_value(x);
		}
		return t;
	}
};

/* The device request and its outcome travel with the payload. */
struct dma_ext : tlm::tlm_extension<dma_ext> {
	xlate_req req{};
	xlate_res res{};
	uint64_t seq = 0;
	unsigned dev = 0;
	tlm_extension_base *clone() const override { return new dma_ext(*this); }
	void copy_from(const tlm_extension_base &o) override
	{
		*this = static_cast<const dma_ext &>(o);
	}
};

void setup_payload(tlm::tlm_generic_payload &t, dma_ext *e, unsigned char *buf)
{
	t.set_command(e->req.access & XLATE_WRITE ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
	t.set_address(e->req.iova);
	t.set_data_ptr(buf);
	t.set_data_length(e->req.len);
	t.set_streaming_width(e->req.len);
	t.set_byte_enable_ptr(nullptr);
	t.set_dmi_allowed(false);
	t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

/* First error of any thread: reported after the simulation stops. */
struct run_state {
	sim_run *r;
	sim_err *err;
	bool failed = false;
	void fail()
	{
		failed = true;
		sc_stop();
	}
};

/*
 * The IOMMU and memory are targets on the request path of every DMA: they
 * implement the forward interface themselves and bind it to a plain
 * tlm_target_socket, which spares each hop the simple socket's
 * registered-callback indirection. No DMI (every access is translated
 * and timed), no debug transport (no data is modelled).
 */
struct tlm_target_base : tlm::tlm_fw_transport_if<> {
	bool get_direct_mem_ptr(tlm::tlm_generic_payload &, tlm::tlm_dmi &) override
	{
		return false;
	}
	unsigned int transport_dbg(tlm::tlm_generic_payload &) override { return 0; }
};

/* ---- memory ----------------------------------------------------------- */

struct memory_tlm : sc_module, tlm_target_base {
	tlm::tlm_target_socket<> socket;
	run_state &st;
	tlm_utils::peq_with_cb_and_phase<memory_tlm> peq;
	delay_memo busy;

	memory_tlm(sc_module_name n, run_state &s)
		: sc_module(n), socket("socket"), st(s), peq(this, &memory_tlm::respond)
	{
		socket.bind(*this);
	}

	/* The data moves nowhere: DMA here is timed, not copied. */
	void b_transport(tlm::tlm_generic_payload &t, sc_time &delay) override
	{
		sim_time_t at = now_ps(delay);

		delay += busy(sim_mem_access(&st.r->mem, at, t.get_data_length()) - at);
		t.set_response_status(tlm::TLM_OK_RESPONSE);
	}

	/*
	 * AT: requests arrive in time order, so the channel arithmetic is a
	 * true FIFO; accepted at once, answered when the transfer is done.
	 */
	tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload &t, tlm::tlm_phase &ph,
					   sc_time &delay) override
	{
		if (ph != tlm::BEGIN_REQ)
			return tlm::TLM_COMPLETED;      /* END_RESP */
		sim_time_t done = sim_mem_access(&st.r->mem, now_ps(delay), t.get_data_length());

		t.set_response_status(tlm::TLM_OK_RESPONSE);
		tlm::tlm_phase resp = tlm::BEGIN_RESP;
		peq.notify(t, resp, ps(done) - sc_time_stamp());
		ph = tlm::END_REQ;
		return tlm::TLM_UPDATED;
	}

	void respond(tlm::tlm_generic_payload &t, const tlm::tlm_phase &ph)
	{
		tlm::tlm_phase p = ph;
		sc_time d = SC_ZERO_TIME;

		socket->nb_transport_bw(t, p, d);
	}
};

/* ---- IOMMU ---------------------------------------------------------------- */

struct iommu_tlm : sc_module, tlm_target_base, tlm::tlm_bw_transport_if<> {
	tlm::tlm_target_socket<> dev_socket;
	tlm::tlm_initiator_socket<> mem_socket;
	run_state &st;
	tlm_utils::peq_with_cb_and_phase<iommu_tlm> peq;
	delay_memo xlat;

	iommu_tlm(sc_module_name n, run_state &s)
		: sc_module(n), dev_socket("dev_socket"), mem_socket("mem_socket"), st(s),
		  peq(this, &iommu_tlm::translated)
	{
		dev_socket.bind(static_cast<tlm::tlm_fw_transport_if<> &>(*this));
		mem_socket.bind(static_cast<tlm::tlm_bw_transport_if<> &>(*this));
	}

	void b_transport(tlm::tlm_generic_payload &t, sc_time &delay) override
	{
		dma_ext *e;

		/* The device's delay is its issue time; the model's latency adds. */
		t.get_extension(e);
		sim_run_translate(st.r, &e->req, &e->res);
		delay += xlat(e->res.t_done - e->req.t_issue);
		if (e->res.status != XLATE_OK) {
			t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
			return;
		}
		t.set_address(e->res.pa);
		mem_socket->b_transport(t, delay);
	}

	tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload &t, tlm::tlm_phase &ph,
					   sc_time &delay) override
	{
		dma_ext *e;

		if (ph != tlm::BEGIN_REQ)
			return tlm::TLM_COMPLETED;      /* END_RESP from the device */
		t.get_extension(e);
		e->req.t_issue = now_ps(delay);
		sim_run_translate(st.r, &e->req, &e->res);
		tlm::tlm_phase next = tlm::BEGIN_REQ;   /* "translation done" */
		peq.notify(t, next, ps(e->res.t_done) - sc_time_stamp());
		ph = tlm::END_REQ;
		return tlm::TLM_UPDATED;
	}

	/* At the end of the translation: fault back, or on to memory. */
	void translated(tlm::tlm_generic_payload &t, const tlm::tlm_phase &ph)
	{
		dma_ext *e;
		sc_time d = SC_ZERO_TIME;

		t.get_extension(e);
		if (e->res.status != XLATE_OK) {
			t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
			tlm::tlm_phase p = tlm::BEGIN_RESP;
			dev_socket->nb_transport_bw(t, p, d);
			return;
		}
		t.set_address(e->res.pa);
		tlm::tlm_phase p = tlm::BEGIN_REQ;
		tlm::tlm_sync_enum s = mem_socket->nb_transport_fw(t, p, d);
		if (s == tlm::TLM_COMPLETED)
			forward_resp(t);
	}

	tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload &t, tlm::tlm_phase &ph,
					   sc_time &delay) override
	{
		if (ph == tlm::BEGIN_RESP) {
			forward_resp(t);
			ph = tlm::END_RESP;
			return tlm::TLM_COMPLETED;
		}
		return tlm::TLM_ACCEPTED;       /* END_REQ */
	}

	void invalidate_direct_mem_ptr(sc_dt::uint64, sc_dt::uint64) override {}

	void forward_resp(tlm::tlm_generic_payload &t)
	{
		tlm::tlm_phase p = tlm::BEGIN_RESP;
		sc_time d = SC_ZERO_TIME;

		dev_socket->nb_transport_bw(t, p, d);
	}
};

/* ---- devices --------------------------------------------------------------- */

SC_MODULE(device_tlm) {
	tlm_utils::simple_initiator_socket<device_tlm> socket;
	run_state &st;
	sim_device *d;
	bool at;
	tlm_utils::tlm_quantumkeeper qk;
	delay_memo gap;                 /* LT: between successive issues */
	sc_event resp_ev;
	/* AT: payloads in flight, recycled */
	std::vector<std::unique_ptr<tlm::tlm_generic_payload>> pool;
	std::vector<tlm::tlm_generic_payload *> free_list;
	unsigned char buf[4096];

	SC_HAS_PROCESS(device_tlm);
	device_tlm(sc_module_name n, run_state &s, sim_device *dev, bool at_mode)
		: sc_module(n), socket("socket"), st(s), d(dev), at(at_mode)
	{
		socket.register_nb_transport_bw(this, &device_tlm::nb_transport_bw);
		SC_THREAD(run);
	}

	tlm::tlm_generic_payload *get_payload()
	{
		if (free_list.empty()) {
			pool.emplace_back(new tlm::tlm_generic_payload());
			pool.back()->set_extension(new dma_ext());
			return pool.back().get();
		}
		tlm::tlm_generic_payload *t = free_list.back();

		free_list.pop_back();
		return t;
	}

	void run()
	{
		xlate_req req;
		trace_event ctrl;
		tlm::tlm_generic_payload lt_trans;
		dma_ext *lt_ext = new dma_ext();

		lt_trans.set_extension(lt_ext);     /* owned by the payload */
		qk.reset();
		for (;;) {
			while (at && !sim_device_slot_free(d))
				wait(resp_ev);
			/* LT fills the payload's own request: no copy per request */
			enum sim_step s = sim_device_next(st.r, d, at ? &req : &lt_ext->req, &ctrl,
							  st.err);

			if (s == SIM_STEP_ERR) {
				st.fail();
				break;
			}
			if (s == SIM_STEP_END)
				break;
			if (s == SIM_STEP_CTRL) {
				/* The driver acts at ctrl.time, in step with the kernel. */
				if (at) {
					if (ctrl.time > now_ps())
						wait(ps(ctrl.time) - sc_time_stamp());
				} else {
					if (ctrl.time > now_ps(qk.get_local_time()))
						qk.set(ps(ctrl.time) - sc_time_stamp());
					qk.sync();
				}
				if (sim_run_control(st.r, d->idx, &ctrl, st.err)) {
					st.fail();
					break;
				}
				continue;
			}
			if (at)
				issue_at(req);
			else
				issue_lt(lt_trans, lt_ext);
		}
		if (!at)
			qk.sync();
	}

	/* e->req holds the request sim_device_next filled in. */
	void issue_lt(tlm::tlm_generic_payload &t, dma_ext *e)
	{
		sc_time now = sc_time_stamp(), delay;
		sim_time_t local = (now + qk.get_local_time()).value();

		/* The device's local time is its issue time (temporal decoupling). */
		if (e->req.t_issue > local)
			qk.inc(gap(e->req.t_issue - local));
		if (qk.need_sync()) {
			qk.sync();
			now = sc_time_stamp();
		}
		e->seq = d->last_seq;
		setup_payload(t, e, buf);
		/* The local time is the issue time unless the device was ahead. */
		delay = e->req.t_issue >= local ? qk.get_local_time() : ps(e->req.t_issue) - now;
		socket->b_transport(t, delay);
		sim_run_complete(st.r, d, e->seq, &e->req, &e->res, (now + delay).value());
	}

	void issue_at(const xlate_req &req)
	{
		tlm::tlm_generic_payload *t = get_payload();
		dma_ext *e;

		t->get_extension(e);
		if (req.t_issue > now_ps())
			wait(ps(req.t_issue) - sc_time_stamp());
		e->req = req;
		e->seq = d->last_seq;
		e->dev = d->idx;        /* the router's way back */
		setup_payload(*t, e, buf);
		tlm::tlm_phase ph = tlm::BEGIN_REQ;
		sc_time delay = SC_ZERO_TIME;
		tlm::tlm_sync_enum s = socket->nb_transport_fw(*t, ph, delay);

		if (s == tlm::TLM_COMPLETED)
			complete(*t);
		/* the IOMMU answers END_REQ at once (TLM_UPDATED) */
	}

	void complete(tlm::tlm_generic_payload &t)
	{
		dma_ext *e;

		t.get_extension(e);
		sim_run_complete(st.r, d, e->seq, &e->req, &e->res, now_ps());
		free_list.push_back(&t);
		resp_ev.notify(SC_ZERO_TIME);
	}

	tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload &t, tlm::tlm_phase &ph,
					   sc_time &delay)
	{
		if (ph != tlm::BEGIN_RESP)
			return tlm::TLM_ACCEPTED;
		complete(t);
		ph = tlm::END_RESP;
		return tlm::TLM_COMPLETED;
	}
};

/* Several devices share the IOMMU's one target socket through a router. */
SC_MODULE(interconnect_tlm) {
	tlm_utils::simple_target_socket_tagged<interconnect_tlm> *in;
	tlm_utils::simple_initiator_socket<interconnect_tlm> out;
	std::vector<std::unique_ptr<tlm_utils::simple_target_socket_tagged<interconnect_tlm>>> ins;

	interconnect_tlm(sc_module_name n, unsigned ndev) : sc_module(n), out("out")
	{
		for (unsigned i = 0; i < ndev; i++) {
			char name[32];

			snprintf(name, sizeof(name), "in%u", i);
			ins.emplace_back(new tlm_utils::simple_target_socket_tagged<interconnect_tlm>(name));
			ins.back()->register_b_transport(this, &interconnect_tlm::b_transport, (int)i);
			ins.back()->register_nb_transport_fw(this, &interconnect_tlm::nb_transport_fw,
							     (int)i);
		}
		out.register_nb_transport_bw(this, &interconnect_tlm::nb_transport_bw);
	}

	void b_transport(int, tlm::tlm_generic_payload &t, sc_time &delay)
	{
		out->b_transport(t, delay);
	}

	tlm::tlm_sync_enum nb_transport_fw(int, tlm::tlm_generic_payload &t, tlm::tlm_phase &ph,
					   sc_time &delay)
	{
		return out->nb_transport_fw(t, ph, delay);
	}

	tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload &t, tlm::tlm_phase &ph,
					   sc_time &delay)
	{
		dma_ext *e;

		t.get_extension(e);
		return (*ins[e->dev])->nb_transport_bw(t, ph, delay);
	}
};

/* ---- the CPU: the scenario's control sequence ------------------------------ */

SC_MODULE(cpu_tlm) {
	run_state &st;

	SC_HAS_PROCESS(cpu_tlm);
	cpu_tlm(sc_module_name n, run_state &s) : sc_module(n), st(s)
	{
		SC_THREAD(run);
	}

	void run()
	{
		const scenario *sc = st.r->sc;

		for (unsigned i = 0; i < sc->nctrl; i++) {
			const scen_ctrl *c = &sc->ctrl[i];

			if (sc->length && c->ev.time > sc->length)
				break;
			if (c->ev.time > now_ps())
				wait(ps(c->ev.time) - sc_time_stamp());
			/* Races with DMA in flight: devices may be ahead by a quantum (LT). */
			if (sim_run_step(st.r, c, st.err)) {
				st.fail();
				return;
			}
		}
	}
};

} /* namespace */

extern "C" int sim_platform_systemc(struct sim_run *r, struct sim_err *err)
{
	static bool used;
	run_state st;
	bool at = r->sc->mode == SCEN_MODE_AT;

	if (used) {
		sim_err_set(err, "the SystemC platform runs once per process");
		return -1;
	}
	used = true;
	/* Only our own messages: no "simulation stopped" banners on stdout. */
	sc_report_handler::set_actions(SC_INFO, SC_DO_NOTHING);
	st.r = r;
	st.err = err;
	tlm::tlm_global_quantum::instance().set(ps(r->sc->quantum ? r->sc->quantum : 1000));

	std::unique_ptr<memory_tlm> mem(new memory_tlm("memory", st));
	std::unique_ptr<iommu_tlm> iommu(new iommu_tlm("iommu", st));
	std::unique_ptr<interconnect_tlm> ic(r->ndev > 1 ? new interconnect_tlm("pcie", r->ndev)
							 : nullptr);
	std::unique_ptr<cpu_tlm> cpu(new cpu_tlm("cpu", st));
	std::vector<std::unique_ptr<device_tlm>> devs;

	iommu->mem_socket.bind(mem->socket);
	/* One device binds straight to the IOMMU: no router hop. */
	if (r->ndev > 1)
		ic->out.bind(iommu->dev_socket);
	for (unsigned i = 0; i < r->ndev; i++) {
		char name[SCEN_NAME_LEN + 8];

		snprintf(name, sizeof(name), "dev_%s", r->dev[i].cfg->name);
		for (char *p = name; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '_')
				*p = '_';
		devs.emplace_back(new device_tlm(name, st, &r->dev[i], at));
		if (r->ndev > 1)
			devs.back()->socket.bind(*ic->ins[i]);
		else
			devs.back()->socket.bind(iommu->dev_socket);
	}
	sc_start();
	return st.failed ? -1 : 0;
}

/*
 * libsystemc's own main() calls sc_main(); iommusim has its own main()
 * and starts the kernel with sc_start(), so this is never called.
 */
extern "C" int sc_main(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	return 0;
}
