# _locale: categories, setlocale in the C locale, localeconv, nl_langinfo, getencoding, the
# message-catalogue functions
import _locale as L

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(L.LC_CTYPE, L.LC_NUMERIC, L.LC_TIME, L.LC_COLLATE, L.LC_MONETARY, L.LC_MESSAGES, L.LC_ALL,
      L.CHAR_MAX, L.CODESET)
print(L.Error.__module__, L.Error.__name__, L.Error.__mro__[1:])
t(lambda: L.setlocale(L.LC_CTYPE))
t(lambda: L.setlocale(L.LC_NUMERIC))
t(lambda: L.getencoding())
t(lambda: L.nl_langinfo(L.CODESET))
t(lambda: L.localeconv())
for k in ("RADIXCHAR", "THOUSEP", "D_T_FMT", "D_FMT", "T_FMT", "T_FMT_AMPM", "AM_STR",
          "PM_STR", "DAY_1", "DAY_7", "ABDAY_3", "MON_1", "MON_12", "ABMON_5", "YESEXPR",
          "NOEXPR", "CRNCYSTR", "ERA", "ALT_DIGITS", "_DATE_FMT"):
    t(lambda: (k, getattr(L, k), L.nl_langinfo(getattr(L, k))))
t(lambda: L.nl_langinfo(12345))
t(lambda: L.nl_langinfo("x"))
t(lambda: L.setlocale(L.LC_ALL, "C"))
t(lambda: L.setlocale(L.LC_ALL))
t(lambda: L.nl_langinfo(L.CODESET))
t(lambda: L.getencoding())
t(lambda: L.setlocale(L.LC_CTYPE, "C.UTF-8"))
t(lambda: L.setlocale(L.LC_ALL))
t(lambda: L.setlocale(L.LC_ALL, "POSIX"))
t(lambda: L.setlocale(L.LC_ALL, "xx_YY.nope"))
t(lambda: L.setlocale(99))
t(lambda: L.setlocale(99, "C"))
t(lambda: L.setlocale("x"))
t(lambda: L.setlocale(0, 5))
t(lambda: L.strcoll("a", "b"))
t(lambda: L.strcoll("b", "a"))
t(lambda: L.strcoll("a", "a"))
t(lambda: L.strcoll("a", 1))
t(lambda: L.strxfrm("xyz"))
t(lambda: L.gettext("hi"))
t(lambda: L.dgettext(None, "hi"))
t(lambda: L.dcgettext("d", "hi", 5))
t(lambda: L.textdomain(None))
t(lambda: L.bindtextdomain("x", None))
t(lambda: L.bind_textdomain_codeset("x", None))
