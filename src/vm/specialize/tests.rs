//! Unit tests of the caches' building blocks: dict keys versions and position hints, and the
//! warm-up of a code object's caches.

use crate::objects::dict;
use crate::objects::testutil::run;
use crate::vm::Vm;

fn key(vm: &Vm, s: &str) -> crate::object::ObjRef {
    vm.intern(s).unwrap()
}

fn hash(k: &crate::object::ObjRef) -> i64 {
    crate::objects::str::str_hash_value(k)
}

#[test]
fn keys_version_changes_with_the_keys_only() {
    run(|vm| {
        let d = dict::new_dict_vm(vm).unwrap();
        let t = dict::table(&d).unwrap();
        let (a, b) = (key(vm, "a"), key(vm, "b"));
        dict::set_item(
            vm,
            &d,
            a.clone(),
            crate::objects::int::new_int(vm, 1).unwrap(),
        )
        .unwrap();
        assert_eq!(t.current_keys_version(), 0, "assigned on demand only");
        let v1 = t.keys_version();
        assert_ne!(v1, 0);
        assert_eq!(t.keys_version(), v1, "stable while the keys are");
        // A value overwrite keeps it; the cached position reads the new value.
        let pos = t.position_by_identity(hash(&a), &a).unwrap().unwrap();
        dict::set_item(
            vm,
            &d,
            a.clone(),
            crate::objects::int::new_int(vm, 2).unwrap(),
        )
        .unwrap();
        assert_eq!(t.current_keys_version(), v1);
        let v = t.value_at(v1, pos).unwrap();
        assert_eq!(crate::objects::int::as_i64(&v), Some(2));
        // A new key, then a deletion, each give a new version; old ones never come back.
        dict::set_item(
            vm,
            &d,
            b.clone(),
            crate::objects::int::new_int(vm, 3).unwrap(),
        )
        .unwrap();
        assert_eq!(t.current_keys_version(), 0);
        assert!(t.value_at(v1, pos).is_none());
        let v2 = t.keys_version();
        assert!(v2 != v1 && v2 != 0);
        assert!(dict::del_item(vm, &d, &b).unwrap());
        let v3 = t.keys_version();
        assert!(v3 != v2 && v3 != v1);
        // Another dict never shares a version.
        let other = dict::new_dict_vm(vm).unwrap();
        dict::set_item(
            vm,
            &other,
            a.clone(),
            crate::objects::int::new_int(vm, 1).unwrap(),
        )
        .unwrap();
        let ot = dict::table(&other).unwrap();
        assert!(![v1, v2, v3].contains(&ot.keys_version()));
        // Absent keys are decided by hash; present ones by identity.
        assert_eq!(t.position_by_identity(hash(&b), &b), Some(None));
        assert_eq!(t.position_by_identity(hash(&a), &a), Some(Some(pos)));
        // Hints check the key itself.
        assert!(t.value_at_hint(pos, &a).is_some());
        assert!(t.value_at_hint(pos, &b).is_none());
        let old =
            dict::replace_at_hint(&d, pos, &a, crate::objects::int::new_int(vm, 9).unwrap()).ok();
        assert_eq!(old.and_then(|o| crate::objects::int::as_i64(&o)), Some(2));
        assert!(dict::replace_at_hint(
            &d,
            pos + 1,
            &a,
            crate::objects::int::new_int(vm, 9).unwrap()
        )
        .is_err());
        // Clearing empties the keys: a new version.
        drop(dict::take_all(&d));
        assert_eq!(t.current_keys_version(), 0);
    });
}

#[test]
fn a_code_object_quickens_after_its_warm_up() {
    run(|vm| {
        let unit = crate::compiler::compile("x.y\n", "<t>", crate::compiler::Mode::Exec)
            .expect("compiles");
        let code = crate::vm::code_unit::new_code(vm, &unit).unwrap();
        let c = code.downcast::<crate::objects::code::CodeObject>().unwrap();
        assert_eq!(c.quick.storage_bytes(), 0);
        for _ in 1..super::cache::WARMUP {
            assert!(super::entry(c, 0).is_none());
            // Allocated at the first execution, in use only after the warm-up.
            assert_eq!(c.quick.storage_bytes(), c.instructions.len() * 16);
        }
        let e = super::entry(c, 0).expect("warm now");
        assert_eq!(super::form(e), super::Form::Adaptive);
        assert_eq!(c.quick.storage_bytes(), c.instructions.len() * 16);
        // 31 executions count down, then it is due.
        for _ in 0..31 {
            assert!(!super::due(e));
        }
        assert!(super::due(e));
        super::specialize_to(e, super::Family::LoadAttr, super::Form::AttrSlot, 1, 2, 0);
        // 53 misses de-specialize it, with the starting countdown.
        for _ in 0..super::cache::MISS_BUDGET - 1 {
            super::miss(e, super::Family::LoadAttr);
            assert_eq!(super::form(e), super::Form::AttrSlot);
        }
        super::miss(e, super::Family::LoadAttr);
        assert_eq!(super::form(e), super::Form::Adaptive);
        assert_eq!(e.counter.get(), super::cache::counter_start());
    });
}
