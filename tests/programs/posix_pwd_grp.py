# The password and group databases (pwd, grp): uid/gid 0 is root on every Linux.
import pwd, grp

p = pwd.getpwuid(0)
print(type(p).__name__, p.pw_name, p.pw_uid, p.pw_gid, p[0], len(p), pwd.struct_passwd.n_fields)
print(pwd.getpwnam("root").pw_uid, pwd.getpwnam("root") == p)
g = grp.getgrgid(0)
print(type(g).__name__, g.gr_name, g.gr_gid, type(g.gr_mem).__name__, grp.struct_group.n_fields)
print(grp.getgrnam("root").gr_gid)
print(any(e.pw_uid == 0 for e in pwd.getpwall()), any(e.gr_gid == 0 for e in grp.getgrall()))
for f, a in [(grp.getgrnam, "no-such-group-x"), (grp.getgrgid, 2**31 - 7), (grp.getgrgid, "x"),
             (pwd.getpwnam, "no-such-user-x"), (pwd.getpwuid, 2**31 - 7)]:
    try:
        f(a)
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
print(repr(pwd.struct_passwd(("n", "x", 1, 2, "g", "/d", "/s"))))
