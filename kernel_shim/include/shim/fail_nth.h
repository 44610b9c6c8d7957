/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_FAIL_NTH_H
#define SHIM_FAIL_NTH_H

#include <stdbool.h>

void shim_fail_nth_set(unsigned int n);
unsigned int shim_fail_nth_get(void);
/* Counts one injection site; true when this one must fail. */
bool shim_fail_nth_hit(void);

#endif
