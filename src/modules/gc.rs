//! The `gc` module: the collector's Python interface, as CPython 3.11's.

use crate::gc::state::{
    DEBUG_COLLECTABLE, DEBUG_LEAK, DEBUG_SAVEALL, DEBUG_STATS, DEBUG_UNCOLLECTABLE, NUM_GENERATIONS,
};
use crate::object::{heap, ObjRef};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, dict, int, list, module, none, str as pystr, tuple};
use crate::vm::args::{no_kwargs, split_args};
use crate::vm::{ops, PyResult, Vm};

fn gc_module(vm: &Vm) -> Option<ObjRef> {
    dict::get_str(vm, &vm.modules, "gc").ok().flatten()
}

fn gc_attr(vm: &Vm, name: &str) -> Option<ObjRef> {
    let m = gc_module(vm)?;
    let d = module::module_dict(&m)?;
    dict::get_str(vm, &d, name).ok().flatten()
}

/// `DEBUG_SAVEALL`: appends unreachable objects to `gc.garbage`.
pub fn save_garbage(vm: &Vm, objs: &[ObjRef]) {
    if let Some(g) = gc_attr(vm, "garbage") {
        for o in objs {
            let _ = list::append(vm, &g, o.clone());
        }
    }
}

fn generation_sizes() -> [usize; NUM_GENERATIONS] {
    heap::with_gc(|g| [g.gens[0].len(), g.gens[1].len(), g.gens[2].len()])
}

fn run_callbacks(vm: &Vm, phase: &str, generation: usize, collected: usize, uncollectable: usize) {
    let Some(cbs) = gc_attr(vm, "callbacks") else {
        return;
    };
    let Some(items) = list::storage(&cbs).map(|v| v.snapshot()) else {
        return;
    };
    if items.is_empty() {
        return;
    }
    let info = (|| -> PyResult<(ObjRef, ObjRef)> {
        let d = dict::new_dict_vm(vm)?;
        dict::set_str(vm, &d, "generation", int::new_int(vm, generation as i64)?)?;
        dict::set_str(vm, &d, "collected", int::new_int(vm, collected as i64)?)?;
        dict::set_str(
            vm,
            &d,
            "uncollectable",
            int::new_int(vm, uncollectable as i64)?,
        )?;
        Ok((pystr::new_str_vm(vm, phase)?, d))
    })();
    let Ok((p, d)) = info else { return };
    for cb in items {
        if let Err(e) = ops::call(vm, &cb, &[p.clone(), d.clone()], None) {
            crate::vm::finalize::write_unraisable(vm, &cb, &e);
        }
    }
}

/// Called before each collection: `gc.callbacks` with "start", and DEBUG_STATS lines.
pub fn before_collection(vm: &Vm, generation: usize) {
    let debug = heap::with_gc(|g| g.debug);
    if debug & DEBUG_STATS != 0 {
        let sizes = generation_sizes();
        let perm = heap::with_gc(|g| g.permanent.len());
        let _ = vm.write_err(&format!(
            "gc: collecting generation {generation}...\ngc: objects in each generation: {} {} {}\ngc: objects in permanent generation: {perm}\n",
            sizes[0], sizes[1], sizes[2]
        ));
    }
    run_callbacks(vm, "start", generation, 0, 0);
}

/// Called after each collection: DEBUG_STATS summary, then `gc.callbacks` with "stop".
pub fn after_collection(
    vm: &Vm,
    generation: usize,
    collected: usize,
    uncollectable: usize,
    elapsed: std::time::Duration,
) {
    let debug = heap::with_gc(|g| g.debug);
    if debug & DEBUG_STATS != 0 {
        let _ = vm.write_err(&format!(
            "gc: done, {collected} unreachable, {uncollectable} uncollectable, {:.4}s elapsed\n",
            elapsed.as_secs_f64()
        ));
    }
    run_callbacks(vm, "stop", generation, collected, uncollectable);
}

fn g_enable(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "enable", args, kw)?;
    heap::with_gc(|g| g.enabled = true);
    Ok(none::none())
}

fn g_disable(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "disable", args, kw)?;
    heap::with_gc(|g| g.enabled = false);
    Ok(none::none())
}

fn g_isenabled(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "isenabled", args, kw)?;
    Ok(boolobj::new_bool(heap::with_gc(|g| g.enabled)))
}

fn g_collect(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kwargs) = split_args(args, kw);
    let mut generation: Option<&ObjRef> = pos.first();
    for (k, v) in kwargs {
        if k == "generation" {
            generation = Some(v);
        } else {
            return Err(vm.type_error(&format!(
                "collect() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    if pos.len() > 1 {
        return Err(vm.type_error(&format!(
            "collect() takes at most 1 argument ({} given)",
            pos.len()
        )));
    }
    let g = match generation {
        None => 2,
        Some(v) => int::as_i64(v).ok_or_else(|| {
            vm.type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                v.ob_type().name()
            ))
        })?,
    };
    if !(0..NUM_GENERATIONS as i64).contains(&g) {
        return Err(vm.value_error("invalid generation"));
    }
    let n = crate::gc::collect::collect_with_callbacks(vm, g as usize);
    int::new_int(vm, n as i64)
}

fn g_get_count(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "get_count", args, kw)?;
    let c = heap::with_gc(|g| g.count);
    tuple::new_tuple(
        vm,
        vec![
            int::new_int(vm, c[0] as i64)?,
            int::new_int(vm, c[1] as i64)?,
            int::new_int(vm, c[2] as i64)?,
        ],
    )
}

fn g_get_threshold(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "get_threshold", args, kw)?;
    let t = heap::with_gc(|g| g.threshold);
    tuple::new_tuple(
        vm,
        vec![
            int::new_int(vm, t[0] as i64)?,
            int::new_int(vm, t[1] as i64)?,
            int::new_int(vm, t[2] as i64)?,
        ],
    )
}

fn g_set_threshold(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "set_threshold", kw)?;
    if args.is_empty() || args.len() > 3 {
        let bound = if args.is_empty() {
            "at least 1 argument"
        } else {
            "at most 3 arguments"
        };
        return Err(vm.type_error(&format!(
            "set_threshold() takes {bound} ({} given)",
            args.len()
        )));
    }
    let mut values = Vec::new();
    for a in args {
        let v = int::as_i64(a).ok_or_else(|| {
            vm.type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                a.ob_type().name()
            ))
        })?;
        values.push(v.max(0) as usize);
    }
    heap::with_gc(|g| {
        for (i, v) in values.iter().enumerate() {
            g.threshold[i] = *v;
        }
    });
    Ok(none::none())
}

fn g_get_objects(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kwargs) = split_args(args, kw);
    let mut gen_arg = pos.first().cloned();
    for (k, v) in kwargs {
        if k == "generation" {
            gen_arg = Some(v.clone());
        } else {
            return Err(vm.type_error(&format!(
                "get_objects() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    let generation = match gen_arg {
        None => None,
        Some(v) if none::is_none(&v) => None,
        Some(v) => {
            let g = int::as_i64(&v).ok_or_else(|| vm.type_error("an integer is required"))?;
            if g < 0 {
                return Err(vm.value_error("generation parameter must be positive"));
            }
            if g >= NUM_GENERATIONS as i64 {
                return Err(vm.value_error("generation parameter must be less than the number of available generations (3)"));
            }
            Some(g as usize)
        }
    };
    let objs: Vec<ObjRef> = crate::gc::generation_objects(generation);
    list::new_list(vm, objs)
}

fn g_get_stats(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "get_stats", args, kw)?;
    let stats = heap::with_gc(|g| g.stats);
    let mut out = Vec::new();
    for s in stats {
        let d = dict::new_dict_vm(vm)?;
        dict::set_str(
            vm,
            &d,
            "collections",
            int::new_int(vm, s.collections as i64)?,
        )?;
        dict::set_str(vm, &d, "collected", int::new_int(vm, s.collected as i64)?)?;
        dict::set_str(
            vm,
            &d,
            "uncollectable",
            int::new_int(vm, s.uncollectable as i64)?,
        )?;
        out.push(d);
    }
    list::new_list(vm, out)
}

fn g_get_referents(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "get_referents", kw)?;
    let mut out = Vec::new();
    for a in args {
        if !a.ob_type().is_container() {
            continue;
        }
        out.extend(a.referents());
    }
    list::new_list(vm, out)
}

fn g_get_referrers(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "get_referrers", kw)?;
    let mut out = Vec::new();
    for obj in crate::gc::generation_objects(None) {
        if args.iter().any(|a| obj.refers_to(a)) {
            out.push(obj);
        }
    }
    list::new_list(vm, out)
}

fn one<'a>(vm: &Vm, name: &str, args: &'a [ObjRef], kw: Option<&ObjRef>) -> PyResult<&'a ObjRef> {
    no_kwargs(vm, name, kw)?;
    match args {
        [a] => Ok(a),
        _ => Err(vm.type_error(&format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

fn g_is_tracked(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "is_tracked", args, kw)?;
    Ok(boolobj::new_bool(a.is_tracked()))
}

fn g_is_finalized(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "is_finalized", args, kw)?;
    Ok(boolobj::new_bool(a.is_finalized()))
}

fn g_freeze(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "freeze", args, kw)?;
    crate::gc::collect::freeze();
    Ok(none::none())
}

fn g_unfreeze(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "unfreeze", args, kw)?;
    crate::gc::collect::unfreeze();
    Ok(none::none())
}

fn g_get_freeze_count(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "get_freeze_count", args, kw)?;
    int::new_int(vm, heap::with_gc(|g| g.permanent.len()) as i64)
}

fn g_set_debug(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "set_debug", args, kw)?;
    let flags = int::as_i64(a).ok_or_else(|| vm.type_error("an integer is required"))?;
    heap::with_gc(|g| g.debug = flags as u32);
    Ok(none::none())
}

fn g_get_debug(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "get_debug", args, kw)?;
    int::new_int(vm, heap::with_gc(|g| g.debug) as i64)
}

static GC_FUNCTIONS: [BuiltinDef; 19] = [
    BuiltinDef {
        name: "enable",
        func: g_enable,
    },
    BuiltinDef {
        name: "disable",
        func: g_disable,
    },
    BuiltinDef {
        name: "isenabled",
        func: g_isenabled,
    },
    BuiltinDef {
        name: "collect",
        func: g_collect,
    },
    BuiltinDef {
        name: "get_count",
        func: g_get_count,
    },
    BuiltinDef {
        name: "get_threshold",
        func: g_get_threshold,
    },
    BuiltinDef {
        name: "set_threshold",
        func: g_set_threshold,
    },
    BuiltinDef {
        name: "get_objects",
        func: g_get_objects,
    },
    BuiltinDef {
        name: "get_stats",
        func: g_get_stats,
    },
    BuiltinDef {
        name: "get_referents",
        func: g_get_referents,
    },
    BuiltinDef {
        name: "get_referrers",
        func: g_get_referrers,
    },
    BuiltinDef {
        name: "is_tracked",
        func: g_is_tracked,
    },
    BuiltinDef {
        name: "is_finalized",
        func: g_is_finalized,
    },
    BuiltinDef {
        name: "freeze",
        func: g_freeze,
    },
    BuiltinDef {
        name: "unfreeze",
        func: g_unfreeze,
    },
    BuiltinDef {
        name: "get_freeze_count",
        func: g_get_freeze_count,
    },
    BuiltinDef {
        name: "set_debug",
        func: g_set_debug,
    },
    BuiltinDef {
        name: "get_debug",
        func: g_get_debug,
    },
    BuiltinDef {
        name: "_collections_total",
        func: g_collections_total,
    },
];

fn g_collections_total(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    int::new_int(vm, heap::with_gc(|g| g.collections_total) as i64)
}

/// Builds the `gc` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "gc")?;
    for def in GC_FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, v) in [
        ("DEBUG_STATS", DEBUG_STATS),
        ("DEBUG_COLLECTABLE", DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", DEBUG_SAVEALL),
        ("DEBUG_LEAK", DEBUG_LEAK),
    ] {
        module::set_attr(vm, &m, name, int::new_int(vm, v as i64)?)?;
    }
    module::set_attr(vm, &m, "garbage", list::new_list(vm, Vec::new())?)?;
    module::set_attr(vm, &m, "callbacks", list::new_list(vm, Vec::new())?)?;
    Ok(m)
}
