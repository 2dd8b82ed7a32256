def square(n):
    return n * n
print("area loaded as", __name__)
