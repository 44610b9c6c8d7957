// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tasks, their mms and the user: one simulated task per host process
 * that uses the kernel.
 *
 * In-process (the front door), there is one: the first task, standing for
 * the host process that runs the kernel side.
 *
 * Shared across fork (host_share.c, the preload), each process that uses
 * the kernel has its own task, mm and fd table, all kernel objects in
 * shared memory, kept on one list; `current` is the task whose pid is
 * the caller's. fork() makes the child's (shim_fork_prepare): a new mm,
 * and a copy of the parent's fd table holding a reference on each file,
 * as dup_fd() does. A process ends without telling anyone, so each entry
 * into the kernel first looks for tasks whose liveness lock has gone
 * (host_live_alive) and does what exit does for them: their files lose
 * the references their fds held and their mm loses its user (so that
 * GUP on it fails, as on an mm whose process has exited).
 */
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <shim/files.h>
#include <shim/procs.h>

static struct mm_struct init_mm_storage = {
	.mm_users = ATOMIC_INIT(1),
	.mm_count = ATOMIC_INIT(1),
	.mmap_lock = __RWSEM_INITIALIZER(init_mm_storage.mmap_lock),
	.user_pages = LIST_HEAD_INIT(init_mm_storage.user_pages),
	.id = 1,
	.is_static = true,
};
static struct user_struct root_user_storage = {
	.__count = REFCOUNT_INIT(1),
};
static struct task_struct task_storage = {
	.usage = REFCOUNT_INIT(1),
	.mm = &init_mm_storage,
	.group_leader = &task_storage,
	.comm = "iommusim",
	.files = &shim_init_files,
	.live_fd = -1,
	.is_static = true,
};

/* Shared across fork: every live process's task, and the next mm id. */
static LIST_HEAD(task_list);
static unsigned long long next_mm_id = 2;
/* Bumped whenever a task leaves the list: cached lookups go stale. */
static unsigned long tasks_gen;

/*
 * This thread's process's task, as last looked up (getpid() is a system
 * call, and `current` is everywhere). Forgotten in a fork()ed child.
 */
static __thread struct task_struct *cur_task;
static __thread unsigned long cur_gen;

/* Which bytes of the liveness memfd a live task's lock holds. */
#define LIVE_SLOTS 4096
static bool live_slot_used[LIVE_SLOTS];

static int slot_get(void)
{
	for (unsigned int i = 0; i < LIVE_SLOTS; i++) {
		if (!live_slot_used[i]) {
			live_slot_used[i] = true;
			return (int)i;
		}
	}
	return -1;
}

static void slot_put(unsigned int i)
{
	if (i < LIVE_SLOTS)
		live_slot_used[i] = false;
}

static struct task_struct *task_of_pid(int pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid)
			return t;
	return NULL;
}

static struct mm_struct *mm_new(int pid)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL | __GFP_NOFAIL);

	if (!mm)
		return NULL;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	init_rwsem(&mm->mmap_lock);
	INIT_LIST_HEAD(&mm->user_pages);
	mm->owner_pid = pid;
	mm->id = next_mm_id++;
	return mm;
}

void mmdrop(struct mm_struct *mm)
{
	int left = atomic_dec_return(&mm->mm_count);

	WARN_ON(left < 0);
	if (left == 0 && !mm->is_static)
		kfree(mm);
}

static struct task_struct *task_new(int pid, struct mm_struct *mm, struct shim_files *files)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL | __GFP_NOFAIL);

	if (!t)
		return NULL;
	refcount_set(&t->usage, 1);
	t->pid = t->tgid = pid;
	t->mm = mm;
	t->group_leader = t;
	strscpy(t->comm, "iommusim", sizeof(t->comm));
	t->files = files;
	t->live_fd = -1;
	return t;
}

/* The first process of a shared kernel: the boot task, on the list. */
int shim_sched_share(void)
{
	int fd;

	if (!list_empty(&task_list))
		return 0;
	task_storage.pid = task_storage.tgid = host_getpid();
	init_mm_storage.owner_pid = task_storage.pid;
	task_storage.live_slot = (unsigned int)slot_get();
	fd = host_live_create(task_storage.live_slot);
	if (fd < 0)
		return -1;
	task_storage.live_fd = fd;
	list_add_tail(&task_storage.tasks, &task_list);
	return 0;
}

/* Back to one process when sharing could not be set up. */
void shim_sched_unshare(void)
{
	if (list_empty(&task_list))
		return;
	list_del_init(&task_storage.tasks);
	slot_put(task_storage.live_slot);
	host_live_close(task_storage.live_fd);
	task_storage.live_fd = -1;
}

/*
 * A process the kernel was not told of (forked past fork(), e.g. by a raw
 * clone): a task of its own with an empty fd table, so it can open files
 * but the kernel fds it inherited are not its. Its liveness lock comes
 * from the fd its parent's lock had, inherited; without one (no such fd)
 * it is never noticed to exit.
 */
static struct task_struct *adopt(int pid)
{
	struct task_struct *t, *parent;
	struct mm_struct *mm;
	int slot, fd = -1;

	slot = slot_get();
	list_for_each_entry(parent, &task_list, tasks) {
		if (slot < 0 || fd >= 0)
			break;
		fd = host_live_open(parent->live_fd, (unsigned int)slot);
	}
	if (fd < 0 && slot >= 0) {
		slot_put((unsigned int)slot);
		slot = -1;
	}
	mm = mm_new(pid);
	t = task_new(pid, mm, shim_files_new());
	t->live_fd = fd;
	t->live_slot = slot < 0 ? 0 : (unsigned int)slot;
	list_add_tail(&t->tasks, &task_list);
	pr_warn("iommusim: process %d uses the kernel without having been forked "
		"through fork(): the kernel fds it inherited are not its own\n", pid);
	return t;
}

struct task_struct *shim_current(void)
{
	struct task_struct *t;
	int pid;

	if (!host_shared()) {
		if (!task_storage.pid)
			task_storage.pid = task_storage.tgid = host_getpid();
		return &task_storage;
	}
	if (cur_task && cur_gen == tasks_gen)
		return cur_task;
	pid = host_getpid();
	t = task_of_pid(pid);
	if (!t)
		t = adopt(pid);
	cur_task = t;
	cur_gen = tasks_gen;
	return t;
}

/* In a fork()ed child: the cached task is the parent's. */
void shim_sched_forget_current(void)
{
	cur_task = NULL;
}

/* After fork the child is a new process with fresh accounting (a copy). */
void shim_sched_reset(void)
{
	task_storage.pid = task_storage.tgid = host_getpid();
	init_mm_storage.locked_vm = 0;
	atomic64_set(&init_mm_storage.pinned_vm, 0);
	atomic_long_set(&root_user_storage.locked_vm, 0);
}

/* What exit does for a task: its fds closed, its mm without its user. */
static void task_exit(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	list_del_init(&t->tasks);
	tasks_gen++;
	if (t->live_fd >= 0)
		slot_put(t->live_slot);
	if (t->files) {
		shim_files_release(t->files);
		t->files = NULL;
	}
	t->mm = NULL;
	if (mm) {
		mmput(mm);
		mmdrop(mm);
	}
	if (!t->is_static)
		put_task_struct(t);
}

void shim_reap_exited(void)
{
	struct task_struct *me, *t, *n;

	if (!host_shared() || list_is_singular(&task_list))
		return;
	me = current;
	if (me->live_fd < 0)
		return;         /* cannot ask: nobody is reaped from here */
	list_for_each_entry_safe(t, n, &task_list, tasks) {
		if (t == me || !t->pid || t->live_fd < 0)
			continue;
		if (!host_live_alive(me->live_fd, t->live_slot))
			task_exit(t);
	}
}

/*
 * fork(), in the parent under the kernel lock: the child's task, with a
 * new mm, a copy of the fd table (a reference per file) and a liveness
 * lock it will inherit. Its pid is set once fork() returned. Without a
 * liveness lock (no slot left, no /proc to reopen the memfd through) the
 * child still shares the kernel, but its exit goes unnoticed.
 */
struct task_struct *shim_fork_prepare(void)
{
	struct task_struct *parent = current, *t;
	struct mm_struct *mm;
	int slot;

	mm = mm_new(0);
	if (!mm)
		return NULL;
	t = task_new(0, mm, shim_files_dup(parent->files));
	if (!t || !t->files) {
		kfree(t);
		mmdrop(mm);
		return NULL;
	}
	slot = slot_get();
	if (slot >= 0) {
		t->live_slot = (unsigned int)slot;
		t->live_fd = host_live_open(parent->live_fd, t->live_slot);
		if (t->live_fd < 0)
			slot_put((unsigned int)slot);
	}
	if (t->live_fd < 0)
		pr_warn("iommusim: no liveness lock for a forked process: "
			"its exit will go unnoticed\n");
	list_add_tail(&t->tasks, &task_list);
	return t;
}

/* In the parent, fork() returned pid (< 0: no child). */
void shim_fork_parent(struct task_struct *child, int pid)
{
	/* The child holds its own copy of its liveness lock's fd. */
	host_live_close(child->live_fd);
	if (pid <= 0) {
		task_exit(child);
		return;
	}
	child->pid = child->tgid = pid;
	child->mm->owner_pid = pid;
}

/*
 * In the child, before anything else and without the kernel lock (the
 * parent holds it): the parent's liveness fd, inherited, is the parent's
 * to hold; only the child's own stays open here.
 */
void shim_fork_child(int parent_live_fd)
{
	shim_sched_forget_current();
	host_live_close(parent_live_fd);
}

/* Does another process share the kernel? */
bool shim_other_processes(void)
{
	return host_shared() && !list_empty(&task_list) && !list_is_singular(&task_list);
}

int shim_current_live_fd(void)
{
	return current->live_fd;
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
	if (!refcount_dec_and_test(&t->usage))
		return;
	WARN_ON(t->is_static);
	if (!t->is_static)
		kfree(t);
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
