# Lib/csv.py over the native _csv: Dialect classes, DictReader, DictWriter, Sniffer, with
# io.StringIO as the file.
import csv
import io

print(csv.__version__, csv.list_dialects())
print(csv.excel.delimiter, repr(csv.excel_tab.delimiter), repr(csv.unix_dialect.lineterminator))
print(csv.get_dialect("excel").quoting, csv.get_dialect("unix").quoting)
print(csv.Error.__module__, csv.Error.__name__, issubclass(csv.Error, Exception))


class Semi(csv.Dialect):
    delimiter = ";"
    quotechar = "'"
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL


csv.register_dialect("semi", Semi)
s = io.StringIO()
w = csv.writer(s, "semi")
w.writerow(["a;b", "it's", 3])
w.writerows([[1.5, None], ["x"]])
print(repr(s.getvalue()))
print(list(csv.reader(io.StringIO(s.getvalue()), "semi")))


class Broken(csv.Dialect):
    delimiter = "::"
    quotechar = '"'
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL


for attr, value in [("delimiter", "::"), ("delimiter", 4), ("quotechar", 4),
                    ("lineterminator", 4), ("quoting", None), ("escapechar", "**")]:
    Broken.delimiter = ","
    Broken.quotechar = '"'
    Broken.lineterminator = "\n"
    Broken.quoting = csv.QUOTE_MINIMAL
    Broken.escapechar = None
    setattr(Broken, attr, value)
    try:
        Broken()
        print(attr, "accepted")
    except csv.Error as e:
        print(attr, "csv.Error:", e)

print("== DictWriter / DictReader")
out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=["name", "qty", "note"], restval="-")
print(dw.writeheader())
dw.writerow({"name": "apple", "qty": 3, "note": "red, round"})
dw.writerow({"name": "pear", "qty": 1.5})
dw.writerows([{"name": 'say "hi"', "note": "line\nbreak"}])
try:
    dw.writerow({"name": "x", "colour": "blue"})
except ValueError as e:
    print("ValueError:", e)
print(repr(out.getvalue()))
for row in csv.DictReader(io.StringIO(out.getvalue())):
    print(row)
dr = csv.DictReader(io.StringIO("a,b\n1,2,3,4\n5\n\n6,7\n"), restkey="rest", restval="?")
print(dr.fieldnames, [dict(r) for r in dr], dr.line_num)
dr = csv.DictReader(["x,y", "1,2"], fieldnames=["first", "second"])
print([dict(r) for r in dr])

print("== Sniffer")
sample = "name;age;city\nAnn;31;Oslo\nBob;45;Rome\nCy;27;Lima\n"
sn = csv.Sniffer()
d = sn.sniff(sample)
print(repr(d.delimiter), repr(d.quotechar), d.doublequote, d.skipinitialspace)
print(sn.has_header(sample))
print(list(csv.reader(io.StringIO(sample), d)))
quoted = "'a','b','c'\n'1','2','3'\n'4','5','6'\n"
d = sn.sniff(quoted)
print(repr(d.delimiter), repr(d.quotechar))
try:
    sn.sniff("")
except csv.Error as e:
    print("csv.Error:", e)

print("== QUOTE_NONNUMERIC round trip")
s = io.StringIO()
csv.writer(s, quoting=csv.QUOTE_NONNUMERIC).writerows([["a", 1, 2.5], ["b", -3, 1e-7]])
print(repr(s.getvalue()))
print(list(csv.reader(io.StringIO(s.getvalue()), quoting=csv.QUOTE_NONNUMERIC)))
try:
    list(csv.reader(["a,1"], quoting=csv.QUOTE_NONNUMERIC))
except ValueError as e:
    print("ValueError:", e)
limit = csv.field_size_limit(10)
try:
    list(csv.reader(["x" * 11]))
except csv.Error as e:
    print("csv.Error:", e)
print(csv.field_size_limit(limit))
