//! The `__doc__` and `__text_signature__` of a slot wrapper (`int.__add__.__doc__` is
//! "Return self+value."), by the slot it wraps.

use crate::object::BinaryOp;
use crate::objects::slotwrapper::SlotKind;

/// The docstring CPython gives the wrapper of slot `kind`.
pub fn doc(kind: SlotKind) -> String {
    use SlotKind::*;
    let fixed = match kind {
        Repr => "Return repr(self).",
        Str => "Return str(self).",
        Hash => "Return hash(self).",
        Call => "Call self as a function.",
        Len => "Return len(self).",
        GetItem => "Return self[key].",
        SetItem => "Set self[key] to value.",
        DelItem => "Delete self[key].",
        Contains => "Return key in self.",
        Iter => "Implement iter(self).",
        Next => "Implement next(self).",
        Bool => "True if self else False",
        Neg => "-self",
        Pos => "+self",
        Abs => "abs(self)",
        Invert => "~self",
        Int => "int(self)",
        Float => "float(self)",
        Index => {
            "Return self converted to an integer, if self is suitable for use as an index into a list."
        }
        Get => "Return an attribute of instance, which is of type owner.",
        Set => "Set an attribute of instance to value.",
        Delete => "Delete an attribute of instance.",
        Divmod(false) => "Return divmod(self, value).",
        Divmod(true) => "Return divmod(value, self).",
        Binary(BinaryOp::Power, false) => "Return pow(self, value, mod).",
        Binary(BinaryOp::Power, true) => "Return pow(value, self, mod).",
        Compare(op) => return format!("Return self{}value.", op.symbol()),
        Binary(op, false) => return format!("Return self{}value.", op.symbol()),
        Binary(op, true) => return format!("Return value{}self.", op.symbol()),
        Inplace(op) => return format!("Implement self{}=value.", op.symbol()),
    };
    fixed.to_string()
}

/// The `__text_signature__` of the wrapper of slot `kind`.
pub fn text_signature(kind: SlotKind) -> &'static str {
    use SlotKind::*;
    match kind {
        Call => "($self, /, *args, **kwargs)",
        GetItem | DelItem | Contains => "($self, key, /)",
        SetItem => "($self, key, value, /)",
        Get => "($self, instance, owner=None, /)",
        Set => "($self, instance, value, /)",
        Delete => "($self, instance, /)",
        Binary(BinaryOp::Power, _) => "($self, value, mod=None, /)",
        Compare(_) | Binary(..) | Inplace(_) | Divmod(_) => "($self, value, /)",
        _ => "($self, /)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::CompareOp;

    #[test]
    fn operator_docs_name_their_symbols() {
        assert_eq!(
            doc(SlotKind::Binary(BinaryOp::Add, true)),
            "Return value+self."
        );
        assert_eq!(doc(SlotKind::Compare(CompareOp::Le)), "Return self<=value.");
        assert_eq!(doc(SlotKind::Next), "Implement next(self).");
    }
}
