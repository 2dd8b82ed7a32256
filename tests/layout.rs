//! Pins the object layout: block sizes of common objects (compare `sys.getsizeof` on CPython
//! 3.11, quoted beside each), GC headers on containers only, and shared small ints.

use arenapy::objects::{dict, float, int, list, str as pystr, tuple};
use arenapy::{Config, Interpreter, StrategyKind};

fn with_interp(f: impl FnOnce(&arenapy::vm::Vm)) {
    let i = Interpreter::new(
        Config {
            allocator: StrategyKind::System,
            ..Config::default()
        },
        Box::new(std::io::sink()),
    )
    .unwrap();
    f(i.vm());
    assert_eq!(i.shutdown().live_blocks, 0);
}

#[test]
fn block_sizes() {
    with_interp(|vm| {
        // float: 24 on CPython.
        assert_eq!(float::new_float(vm, 1.5).unwrap().block_size(), 24);
        // int: 28 on CPython (header, size, one 30-bit digit). Ours: header, a 32-bit digit
        // count and a machine word as two 32-bit digits, so every machine-word int is 28.
        assert_eq!(int::new_int(vm, 1000).unwrap().block_size(), 28);
        assert_eq!(int::new_int(vm, i64::MIN).unwrap().block_size(), 28);
        // A big value: a sign digit and its magnitude's digits (2**64: three digits).
        let big = num_bigint::BigInt::from(1u128 << 64);
        assert_eq!(int::new_bigint(vm, &big).unwrap().block_size(), 20 + 4 * 4);
        // (): 40, (1,): 48, (1, 2): 56 on CPython — identical here.
        let one = int::new_int(vm, 1).unwrap();
        assert_eq!(tuple::new_tuple(vm, vec![]).unwrap().block_size(), 40);
        assert_eq!(
            tuple::new_tuple(vm, vec![one.clone()])
                .unwrap()
                .block_size(),
            48
        );
        assert_eq!(
            tuple::new_tuple(vm, vec![one.clone(), one])
                .unwrap()
                .block_size(),
            56
        );
        // []: 56 on CPython, and here: GC head, header, and the item vector's pointer,
        // capacity and length (items live in a separate heap block, as in CPython; `list.sort`
        // marks the vector while it sorts, as CPython marks `allocated` -1).
        assert_eq!(list::new_list(vm, vec![]).unwrap().block_size(), 56);
        // 'a': 50 on CPython (compact ASCII); ours is 42: header, hash, length, count, the
        // UTF-8 validity marker (lone surrogates), bytes.
        assert_eq!(pystr::new_str_vm(vm, "a").unwrap().block_size(), 42);
        // {}: 64 on CPython. Ours carries a hashbrown index and an entry vector: pin the figure so
        // a change is noticed.
        let d = dict::new_dict_vm(vm).unwrap();
        assert!(
            d.block_size() <= 128,
            "dict object is {} bytes",
            d.block_size()
        );
    });
}

#[test]
fn only_containers_are_tracked() {
    with_interp(|vm| {
        assert!(list::new_list(vm, vec![]).unwrap().is_tracked());
        // Dicts start untracked and become tracked when they hold a container (CPython).
        let d = dict::new_dict_vm(vm).unwrap();
        assert!(!d.is_tracked());
        dict::set_item(
            vm,
            &d,
            pystr::new_str_vm(vm, "k").unwrap(),
            list::new_list(vm, vec![]).unwrap(),
        )
        .unwrap();
        assert!(d.is_tracked());
        assert!(tuple::new_tuple(vm, vec![]).unwrap().is_tracked());
        assert!(!int::new_int(vm, 12345).unwrap().is_tracked());
        assert!(!float::new_float(vm, 0.5).unwrap().is_tracked());
        assert!(!pystr::new_str_vm(vm, "atomic").unwrap().is_tracked());
    });
}

#[test]
fn refcounts_follow_handles() {
    with_interp(|vm| {
        let l = list::new_list(vm, vec![]).unwrap();
        assert_eq!(l.refcnt(), 1);
        let l2 = l.clone();
        assert_eq!(l.refcnt(), 2);
        list::append(vm, &l, l2).unwrap();
        assert_eq!(l.refcnt(), 2, "the moved handle now lives in the list");
        let none = arenapy::objects::none::none();
        assert!(none.header().is_immortal());
    });
}
