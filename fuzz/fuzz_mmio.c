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

enum { OP_MMIO_W, OP_MMIO_W2, OP_MMIO_R, OP_DESC, OP_DESC2, OP_WRITE, OP_FILL,
       OP_XLATE, OP_DRAIN, OP_INVAL, OP_COUNT };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fm f;
	unsigned ops = 0;

	if (fm_init(&f, data, size))
		return 0;
	fm_setup(&f, size ? data[0] : 0);
	while (f.n && ops++ < 4096) {
		switch (fm_u8(&f) % OP_COUNT) {
		case OP_MMIO_W:
		case OP_MMIO_W2:
			fm_op_mmio_write(&f);
			break;
		case OP_MMIO_R:
			fm_op_mmio_read(&f);
			break;
		case OP_DESC:
		case OP_DESC2:
			fm_op_queue_desc(&f);
			break;
		case OP_WRITE:
			fm_op_write64(&f);
			break;
		case OP_FILL:
			fm_op_fill_page(&f);
			break;
		case OP_XLATE:
			fm_op_translate(&f);
			break;
		case OP_DRAIN:
			fm_op_drain(&f);
			break;
		case OP_INVAL:
			fm_op_invalidate_all(&f);
			break;
		}
	}
	fm_fini(&f);
	return 0;
}
