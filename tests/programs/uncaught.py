def divide(a, b):
    return a / b


def outer():
    return divide(1, 0)


print("before")
outer()
print("not reached")
