//! `_tracemalloc`: the native half of `tracemalloc` (the Python half, `pylib/tracemalloc.py`,
//! builds CPython's `Snapshot`, `Statistic`, `StatisticDiff`... on top of it, as CPython does).
//!
//! While tracing, a [`Tracer`] installed on the heap (see `object::heap::AllocTracer`) records
//! every block allocated: its requested size and the traceback of the Python frames running
//! when it was allocated (at most `nframes` frames, innermost first). Tracebacks and file names
//! are interned, so a trace is a size and a traceback number. Sizes are this interpreter's
//! requested sizes, which differ from CPython's.

use crate::object::heap::{self, AllocTracer, EventSink, TracedEvent};
use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, int, list, module, none, str as pystr, tuple};
use crate::tools::addr_map::AddrTable;
use crate::vm::args::{no_args, split_args};
use crate::vm::frames::SiteCache;
use crate::vm::{PyResult, Vm};
use hashbrown::HashMap;

/// CPython's upper bound on `nframe`.
pub const MAX_NFRAME: usize = 65535;

/// One frame of a traceback: a file-name number and a line.
type FrameKey = (u32, u32);

/// Interned file names.
#[derive(Default)]
struct Files {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Files {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }
}

/// What tracemalloc counts from the events alone: the live traced blocks and their total (the
/// tracer's `EventSink`, which may run on a thread of its own).
#[derive(Default)]
struct Traces {
    /// Live traced blocks by address: requested size and traceback number.
    table: AddrTable<(u64, u32)>,
    traced: u64,
    peak: u64,
}

impl EventSink for Traces {
    fn on_events(&mut self, events: &[TracedEvent]) {
        for e in events {
            if e.alloc {
                if let Some((old, _)) = self.table.insert(e.addr, (e.size as u64, e.site)) {
                    self.traced -= old;
                }
                self.traced += e.size as u64;
                self.peak = self.peak.max(self.traced);
            } else if let Some((size, _)) = self.table.remove(e.addr) {
                self.traced -= size;
            }
        }
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

/// The allocation tracer behind `tracemalloc`.
///
/// Per allocation it reads the frame positions of the stack and finds each one's frame in
/// `sites` (the file name is interned once per position, not per allocation); the traceback is
/// the previous allocation's when the frames are the same, else an interned one.
pub struct Tracer {
    nframes: usize,
    /// The live traced blocks (`None` while a thread counts with them).
    traces: Option<Box<Traces>>,
    /// Interned tracebacks (innermost first) and their total frame counts.
    tracebacks: Vec<(Vec<FrameKey>, u32)>,
    traceback_of: HashMap<(Vec<FrameKey>, u32), u32>,
    files: Files,
    /// The frame of each position seen.
    sites: SiteCache<FrameKey>,
    /// The traceback of the last allocation.
    last: Option<u32>,
    scratch: Vec<FrameKey>,
}

impl Tracer {
    fn new(nframes: usize) -> Tracer {
        Tracer {
            nframes,
            traces: Some(Box::default()),
            tracebacks: Vec::new(),
            traceback_of: HashMap::new(),
            files: Files::default(),
            sites: SiteCache::default(),
            last: None,
            scratch: Vec::new(),
        }
    }

    /// The traceback of the current Python stack, from its frames.
    #[inline(never)]
    fn find_traceback(&mut self) -> u32 {
        let mut frames = std::mem::take(&mut self.scratch);
        frames.clear();
        let mut total = 0u32;
        let nframes = self.nframes;
        let files = &mut self.files;
        heap::with_vm(|vm| {
            crate::vm::frames::visit_cached(
                vm,
                usize::MAX,
                &mut self.sites,
                |code, line| {
                    let f = files.intern(pystr::as_str(&code.filename).unwrap_or("<unknown>"));
                    (f, line)
                },
                |frame| {
                    total += 1;
                    if frames.len() < nframes {
                        frames.push(frame);
                    }
                },
            )
        });
        if frames.is_empty() {
            // CPython records "<unknown>":0 when no Python frame runs.
            let f = self.files.intern("<unknown>");
            frames.push((f, 0));
            total = 1;
        }
        if let Some(last) = self.last {
            let (f, t) = &self.tracebacks[last as usize];
            if *t == total && *f == frames {
                self.scratch = frames;
                return last;
            }
        }
        let key = (frames, total);
        let id = match self.traceback_of.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.tracebacks.len() as u32;
                self.tracebacks.push(key.clone());
                self.traceback_of.insert(key.clone(), i);
                i
            }
        };
        self.scratch = key.0;
        self.last = Some(id);
        id
    }

    /// Sets the frames kept per traceback (the heap forgets the tracebacks it remembered for
    /// stack positions after any `with_tracer`: they were cut at the old count).
    fn set_nframes(&mut self, n: usize) {
        if n != self.nframes {
            self.nframes = n;
            self.last = None;
        }
    }

    /// The live traced blocks (the heap gives them back before anyone looks at the tracer).
    fn counts(&mut self) -> &mut Traces {
        match self.traces.as_deref_mut() {
            Some(t) => t,
            None => unreachable!("tracemalloc: the traces were not given back"),
        }
    }

    fn forget_all(&mut self) {
        *self.counts() = Traces::default();
        self.tracebacks.clear();
        self.traceback_of.clear();
        self.last = None;
    }

    /// Rough bytes used by the tracer's own tables (`get_tracemalloc_memory()`).
    fn own_memory(&mut self) -> u64 {
        let slots = self.counts().table.capacity();
        let frames: usize = self.tracebacks.iter().map(|(f, _)| f.len() * 8 + 32).sum();
        (slots * 32 + frames * 2 + self.files.names.iter().map(|f| f.len() + 24).sum::<usize>())
            as u64
    }
}

impl AllocTracer for Tracer {
    fn takes_batches(&self) -> bool {
        true
    }

    fn wants_sites(&self) -> bool {
        true
    }

    /// A site is a traceback number.
    fn find_site(&mut self) -> u32 {
        self.find_traceback()
    }

    fn on_events(&mut self, events: &[TracedEvent]) {
        self.counts().on_events(events);
    }

    fn take_sink(&mut self) -> Option<Box<dyn EventSink>> {
        self.traces.take().map(|t| t as Box<dyn EventSink>)
    }

    fn put_sink(&mut self, sink: Box<dyn EventSink>) {
        match sink.into_any().downcast::<Traces>() {
            Ok(t) => self.traces = Some(t),
            Err(_) => unreachable!("tracemalloc: another tracer's sink given back"),
        }
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

fn is_tracing() -> bool {
    heap::has_tracer::<Tracer>()
}

fn t_start(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = split_args(args, kw);
    let mut nframe = pos.first();
    for (k, v) in &kws {
        if *k == "nframe" && nframe.is_none() {
            nframe = Some(v);
        } else {
            return Err(vm.type_error(&format!("start() got an unexpected keyword argument '{k}'")));
        }
    }
    if pos.len() > 1 {
        return Err(vm.type_error(&format!(
            "start expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let n = match nframe {
        None => 1,
        Some(v) => int::as_i64(v).ok_or_else(|| {
            vm.type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                v.ob_type().name()
            ))
        })?,
    };
    if n < 1 || n as usize > MAX_NFRAME {
        return Err(vm.value_error(&format!(
            "the number of frames must be in range [1; {MAX_NFRAME}]"
        )));
    }
    let updated = heap::with_tracer::<Tracer, _>(|t| t.set_nframes(n as usize));
    if updated.is_none() {
        heap::add_tracer(Box::new(Tracer::new(n as usize)));
    }
    Ok(none::none())
}

fn t_stop(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "stop", args, kw)?;
    drop(heap::remove_tracer::<Tracer>());
    Ok(none::none())
}

fn t_is_tracing(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "is_tracing", args, kw)?;
    Ok(boolobj::new_bool(is_tracing()))
}

fn t_get_traced_memory(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "get_traced_memory", args, kw)?;
    let (cur, peak) =
        heap::with_tracer::<Tracer, _>(|t| (t.counts().traced, t.counts().peak)).unwrap_or((0, 0));
    tuple::new_tuple(
        vm,
        vec![
            int::new_int(vm, cur as i64)?,
            int::new_int(vm, peak as i64)?,
        ],
    )
}

fn t_reset_peak(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "reset_peak", args, kw)?;
    heap::with_tracer::<Tracer, _>(|t| {
        let c = t.counts();
        c.peak = c.traced;
    });
    Ok(none::none())
}

fn t_clear_traces(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "clear_traces", args, kw)?;
    heap::with_tracer::<Tracer, _>(|t| t.forget_all());
    Ok(none::none())
}

fn t_get_traceback_limit(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "get_traceback_limit", args, kw)?;
    let n = heap::with_tracer::<Tracer, _>(|t| t.nframes).unwrap_or(1);
    int::new_int(vm, n as i64)
}

fn t_get_tracemalloc_memory(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "get_tracemalloc_memory", args, kw)?;
    let n = heap::with_tracer::<Tracer, _>(|t| t.own_memory()).unwrap_or(0);
    int::new_int(vm, n as i64)
}

/// A traceback as CPython's `_tracemalloc` gives it: a tuple of `(filename, lineno)`, most
/// recent first.
fn traceback_tuple(
    vm: &Vm,
    frames: &[FrameKey],
    files: &[String],
    cache: &mut HashMap<u32, ObjRef>,
) -> PyResult<ObjRef> {
    let mut items = Vec::with_capacity(frames.len());
    for &(f, line) in frames {
        let name = match cache.get(&f) {
            Some(s) => s.clone(),
            None => {
                let s = pystr::new_str_vm(vm, files.get(f as usize).map_or("?", |s| s))?;
                cache.insert(f, s.clone());
                s
            }
        };
        items.push(tuple::new_tuple(
            vm,
            vec![name, int::new_int(vm, line as i64)?],
        )?);
    }
    tuple::new_tuple(vm, items)
}

/// `_get_traces()`: a list of `(domain, size, traceback, total_nframe)`.
fn t_get_traces(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "_get_traces", args, kw)?;
    // Copy the tables out first: the Python objects are built with tracing on.
    let copied = heap::with_tracer::<Tracer, _>(|t| {
        let mut traces: Vec<(usize, u64, u32)> = t
            .counts()
            .table
            .iter()
            .map(|(a, (s, tb))| (a, s, tb))
            .collect();
        traces.sort_unstable();
        (traces, t.tracebacks.clone(), t.files.names.clone())
    });
    let Some((traces, tracebacks, files)) = copied else {
        return list::new_list(vm, Vec::new());
    };
    let mut names = HashMap::new();
    let mut tb_objs: HashMap<u32, ObjRef> = HashMap::new();
    let mut out = Vec::with_capacity(traces.len());
    let zero = int::new_int(vm, 0)?;
    for (_, size, tb) in traces {
        let tb_obj = match tb_objs.get(&tb) {
            Some(o) => o.clone(),
            None => {
                let (frames, _) = &tracebacks[tb as usize];
                let o = traceback_tuple(vm, frames, &files, &mut names)?;
                tb_objs.insert(tb, o.clone());
                o
            }
        };
        let total = tracebacks[tb as usize].1;
        out.push(tuple::new_tuple(
            vm,
            vec![
                zero.clone(),
                int::new_int(vm, size as i64)?,
                tb_obj,
                int::new_int(vm, total as i64)?,
            ],
        )?);
    }
    list::new_list(vm, out)
}

/// `_get_object_traceback(obj)`: the traceback where `obj`'s block was allocated, or None.
fn t_get_object_traceback(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "_get_object_traceback", kw)?;
    let [obj] = args else {
        return Err(vm.type_error(&format!(
            "_get_object_traceback() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let start = obj.block_addr();
    let found = heap::with_tracer::<Tracer, _>(|t| {
        t.counts()
            .table
            .get(start)
            .map(|(_, tb)| (t.tracebacks[tb as usize].0.clone(), t.files.names.clone()))
    })
    .flatten();
    match found {
        Some((frames, files)) => traceback_tuple(vm, &frames, &files, &mut HashMap::new()),
        None => Ok(none::none()),
    }
}

static FUNCTIONS: [BuiltinDef; 10] = [
    BuiltinDef {
        name: "start",
        func: t_start,
    },
    BuiltinDef {
        name: "stop",
        func: t_stop,
    },
    BuiltinDef {
        name: "is_tracing",
        func: t_is_tracing,
    },
    BuiltinDef {
        name: "get_traced_memory",
        func: t_get_traced_memory,
    },
    BuiltinDef {
        name: "reset_peak",
        func: t_reset_peak,
    },
    BuiltinDef {
        name: "clear_traces",
        func: t_clear_traces,
    },
    BuiltinDef {
        name: "get_traceback_limit",
        func: t_get_traceback_limit,
    },
    BuiltinDef {
        name: "get_tracemalloc_memory",
        func: t_get_tracemalloc_memory,
    },
    BuiltinDef {
        name: "_get_traces",
        func: t_get_traces,
    },
    BuiltinDef {
        name: "_get_object_traceback",
        func: t_get_object_traceback,
    },
];

/// Builds `_tracemalloc`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_tracemalloc")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}

/// Starts tracing with `nframes` frames per traceback (`-X tracemalloc=N`), as
/// `tracemalloc.start(nframes)` would (clamped to 1..=65535).
pub fn start_tracing(nframes: usize) {
    let n = nframes.clamp(1, MAX_NFRAME);
    if heap::with_tracer::<Tracer, _>(|t| t.set_nframes(n)).is_none() {
        heap::add_tracer(Box::new(Tracer::new(n)));
    }
}
