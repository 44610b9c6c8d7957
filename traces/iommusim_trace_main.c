// SPDX-License-Identifier: GPL-2.0-only
/* iommusim-trace: the trace command line on its own (see trace_cli.h). */
#include "trace_cli.h"

int main(int argc, char **argv)
{
	return trace_cli_main(argc, argv);
}
