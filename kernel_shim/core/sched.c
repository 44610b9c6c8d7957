// SPDX-License-Identifier: GPL-2.0-only
/* The one simulated task, its mm and its user, standing for the host
 * process that runs the kernel side. */
#include <linux/sched.h>
#include <linux/sched/mm.h>

static struct mm_struct init_mm_storage = {
	.mm_users = ATOMIC_INIT(1),
	.mm_count = ATOMIC_INIT(1),
	.mmap_lock = __RWSEM_INITIALIZER(init_mm_storage.mmap_lock),
};
static struct user_struct root_user_storage = {
	.__count = REFCOUNT_INIT(1),
};
static struct task_struct task_storage = {
	.usage = REFCOUNT_INIT(1),
	.mm = &init_mm_storage,
	.group_leader = &task_storage,
	.comm = "iommusim",
};

struct task_struct *shim_current(void)
{
	if (!task_storage.pid)
		task_storage.pid = task_storage.tgid = host_getpid();
	return &task_storage;
}

/* After fork the child is a new process with fresh accounting. */
void shim_sched_reset(void)
{
	task_storage.pid = task_storage.tgid = host_getpid();
	init_mm_storage.locked_vm = 0;
	atomic64_set(&init_mm_storage.pinned_vm, 0);
	atomic_long_set(&root_user_storage.locked_vm, 0);
}

struct user_struct *current_user(void)
{
	return &root_user_storage;
}

void free_uid(struct user_struct *u)
{
	if (u)
		WARN_ON(refcount_dec_and_test(&u->__count));
}

void put_task_struct(struct task_struct *t)
{
	WARN_ON(refcount_dec_and_test(&t->usage));
}

unsigned long task_rlimit(const struct task_struct *task, unsigned int limit)
{
	if (limit != RLIMIT_MEMLOCK)
		return RLIM_INFINITY;
	return host_rlimit_memlock();
}

bool capable(int cap)
{
	return host_is_root();
}
