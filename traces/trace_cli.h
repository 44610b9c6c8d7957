/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace_cli.h - the `trace` command line, callable from any main():
 *
 *   trace_cli_main(argc, argv)
 *
 * argv[0] names the command in messages (e.g. "iommusim trace"),
 * argv[1] is the subcommand: gen, convert, stat, import, help.
 * Returns the exit status: 0 ok, 1 runtime error, 2 usage error.
 */
#ifndef TRACES_TRACE_CLI_H
#define TRACES_TRACE_CLI_H

#define TRACE_EXIT_OK      0
#define TRACE_EXIT_FAILURE 1
#define TRACE_EXIT_USAGE   2

int trace_cli_main(int argc, char **argv);

#endif /* TRACES_TRACE_CLI_H */
