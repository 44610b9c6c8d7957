/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vtd_test_cfg.h - the configuration a VT-d test runs when it names none,
 * shared by the model bench (tests/vtd) and the driver tests
 * (tests/vtd_driver).
 */
#ifndef TESTS_VTD_VTD_TEST_CFG_H
#define TESTS_VTD_VTD_TEST_CFG_H

#include <stddef.h>

#include "vtd.h"

/* *out = *cfg, or the SPR preset when cfg is NULL. */
static inline void vtd_test_config(struct vtd_config *out, const struct vtd_config *cfg)
{
	if (cfg)
		*out = *cfg;
	else
		vtd_config_preset(out, VTD_PRESET_SPR);
}

#endif /* TESTS_VTD_VTD_TEST_CFG_H */
