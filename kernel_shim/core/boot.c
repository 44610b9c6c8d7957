// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot and shutdown of the kernel side: initcalls level by level (link
 * order within a level), exit calls in reverse.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <shim/boot.h>
#include <shim/iommu_registry.h>
#include <shim/vfio_cdev.h>

extern const struct shim_initcall __start_shim_initcalls[] __attribute__((weak));
extern const struct shim_initcall __stop_shim_initcalls[] __attribute__((weak));
extern const struct shim_exitcall __start_shim_exitcalls[] __attribute__((weak));
extern const struct shim_exitcall __stop_shim_exitcalls[] __attribute__((weak));

void shim_xarray_init(void);
void shim_xarray_fini(void);
void shim_driver_model_fini(void);
void shim_irqs_fini(void);
void shim_pages_fini(void);
void shim_slab_track_boot(bool on);
void shim_slab_free_boot_objects(void);

static bool booted;
enum system_states system_state = SYSTEM_BOOTING;

int shim_boot(void)
{
	if (booted)
		return 0;
	shim_xarray_init();
	shim_slab_track_boot(true);
	for (int level = 0; level <= 7; level++) {
		for (const struct shim_initcall *c = __start_shim_initcalls;
		     c && c < __stop_shim_initcalls; c++) {
			int rc;

			if (c->level != level)
				continue;
			rc = c->fn();
			if (rc) {
				pr_err("iommusim: initcall %s failed: %d\n", c->name, rc);
				shim_slab_track_boot(false);
				return rc;
			}
		}
	}
	shim_run_deferred();
	shim_slab_track_boot(false);
	system_state = SYSTEM_RUNNING;
	booted = true;
	return 0;
}

void shim_shutdown(void)
{
	if (!booted)
		return;
	shim_run_deferred();
	for (const struct shim_exitcall *c = __stop_shim_exitcalls;
	     c && c > __start_shim_exitcalls;) {
		c--;
		c->fn();
	}
	shim_run_deferred();
	shim_driver_model_fini();
	shim_iommu_registry_fini();
	shim_vfio_fini();
	shim_irqs_fini();
	shim_xarray_fini();
	shim_pages_fini();
	shim_slab_free_boot_objects();
	system_state = SYSTEM_BOOTING;
	booted = false;
}

bool shim_booted(void)
{
	return booted;
}
