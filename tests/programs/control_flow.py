n = 0
while n < 5:
    n = n + 1
    if n == 2:
        continue
    if n == 4:
        break
    print("n", n)
else:
    print("not reached")
for i in range(3):
    print("i", i)
else:
    print("for done")
for c in "abc":
    if c == "b":
        print("found b")
        break
total = 0
for i in range(10, 0, -3):
    total = total + i
print(total)
grade = 72
if grade >= 90:
    print("A")
elif grade >= 70:
    print("C")
else:
    print("F")
