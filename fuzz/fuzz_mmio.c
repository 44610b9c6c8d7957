// SPDX-License-Identifier: GPL-2.0-only
/*
 * Harness 5: register sequences and queue descriptors. The input writes
 * and reads any register (any offset, 32 or 64 bits, unaligned and out of
 * range included), puts invalidation descriptors (VT-d QI) or commands
 * (SMMUv3 CMDQ) at whatever tail the registers say, writes guest RAM and
 * sends requests between them. The model starts bare or set up
 * (fm_setup). Every register access must be answered or ignored, every
 * bad descriptor must become the architectural error (IQE, CERROR_ILL...),
 * never a crash or a hang.
 *
 * Input: header byte, then operations (opcode byte, operands).
 */
#include "fuzz_model.h"

/* By opcode (an input byte modulo their number); doubles weight an operation. */
static const fm_op_fn ops[] = {
	fm_op_mmio_write, fm_op_mmio_write, fm_op_mmio_read, fm_op_queue_desc, fm_op_queue_desc,
	fm_op_write64, fm_op_fill_page, fm_op_translate, fm_op_drain, fm_op_invalidate_all,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fm_run(data, size, ops, sizeof(ops) / sizeof(ops[0]));
}
