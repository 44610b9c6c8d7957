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

/* By opcode (an input byte modulo their number); doubles weight an operation. */
static const fm_op_fn ops[] = {
	fm_op_write64, fm_op_fill_page, fm_op_translate, fm_op_translate, fm_op_invalidate_all,
	fm_op_drain,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fm_run(data, size, ops, sizeof(ops) / sizeof(ops[0]));
}
