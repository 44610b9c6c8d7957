// SPDX-License-Identifier: GPL-2.0-only
/*
 * Harness 4: guest-written tables. The model is set up as a driver would
 * (fuzz_model.h: root table / stream table at guest RAM's first page,
 * queues, translation on); the input then writes root, context and PASID
 * entries, first- and second-stage tables (VT-d), STEs, CDs and VMSAv8-64
 * tables (SMMUv3) anywhere in guest RAM, and sends device requests
 * through them, with invalidations in between. Only architectural faults
 * may come out: no crash, no hang, no sanitizer report, no access outside
 * simulated memory (guest RAM is a mapping between guard pages: a host
 * access beyond it faults), and the results keep the model interface's
 * promises (fm_op_translate).
 *
 * Input: header byte (fuzz_model.h, fm_setup), then operations, each an
 * opcode byte and its operands, until the input ends.
 */
#include "fuzz_model.h"

enum { OP_WRITE, OP_FILL, OP_XLATE, OP_XLATE2, OP_INVAL, OP_DRAIN, OP_COUNT };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fm f;
	unsigned ops = 0;

	if (fm_init(&f, data, size))
		return 0;
	fm_setup(&f, size ? data[0] : 0);
	while (f.n && ops++ < 4096) {
		switch (fm_u8(&f) % OP_COUNT) {
		case OP_WRITE:
			fm_op_write64(&f);
			break;
		case OP_FILL:
			fm_op_fill_page(&f);
			break;
		case OP_XLATE:
		case OP_XLATE2:
			fm_op_translate(&f);
			break;
		case OP_INVAL:
			fm_op_invalidate_all(&f);
			break;
		case OP_DRAIN:
			fm_op_drain(&f);
			break;
		}
	}
	fm_fini(&f);
	return 0;
}
