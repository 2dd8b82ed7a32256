# os functions accept bytearray/memoryview paths as bytes, with CPython 3.11's DeprecationWarning.
import os, warnings
d = "pathlike_bytes_tmp_dir"
os.mkdir(d)
try:
    open(os.path.join(d, "file.txt"), "w").close()
    for cls in bytearray, memoryview:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            entries = list(os.scandir(cls(os.fsencode(d))))
            print([str(x.message) for x in w], [x.category.__name__ for x in w])
        print([(type(e.name).__name__, e.name, e.path) for e in entries])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            print(os.listdir(cls(os.fsencode(d))), os.path.isdir(d))
            try:
                os.chdir(cls(b"no_such_dir_here"))
            except FileNotFoundError as e:
                print(type(e.filename).__name__, e.filename == cls(b"no_such_dir_here"))
            try:
                os.stat(cls(b"a\0b"))
            except ValueError as e:
                print(e)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            os.stat(bytearray(b"."))
        except DeprecationWarning as e:
            print("DeprecationWarning", e)
    try:
        os.stat(1.5)
    except TypeError as e:
        print(e)
finally:
    os.unlink(os.path.join(d, "file.txt"))
    os.rmdir(d)
