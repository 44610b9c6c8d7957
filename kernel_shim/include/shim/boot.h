/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SHIM_BOOT_H
#define SHIM_BOOT_H

#include <stdbool.h>

int shim_boot(void);
void shim_shutdown(void);
bool shim_booted(void);

#endif
