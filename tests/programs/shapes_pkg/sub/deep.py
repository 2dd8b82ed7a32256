from ..area import square
from . import __name__ as parent
def cube(n):
    return square(n) * n
WHERE = (__name__, __package__, parent)
