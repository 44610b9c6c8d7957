/* SPDX-License-Identifier: GPL-2.0-only */
/* CREATE_TRACE_POINTS: the events are inline no-ops (linux/tracepoint.h). */
