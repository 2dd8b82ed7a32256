# Errors of with and async with on objects lacking the protocol's methods.
class LacksEnter:
    def __exit__(self, *a): pass
class LacksExit:
    def __enter__(self): pass
class Neither: pass
for c in (LacksEnter, LacksExit, Neither):
    try:
        with c():
            pass
    except TypeError as e:
        print(e)

async def main():
    for c in (LacksEnter, LacksExit, Neither):
        try:
            async with c():
                pass
        except TypeError as e:
            print(e)
class AE:
    async def __aenter__(self): pass
async def main2():
    try:
        async with AE():
            pass
    except TypeError as e:
        print(e)
    try:
        with AE():
            pass
    except TypeError as e:
        print(e)
    try:
        async with LacksExit():
            pass
    except TypeError as e:
        print(e)
c = main(); 
try:
    c.send(None)
except StopIteration: pass
c = main2()
try:
    c.send(None)
except StopIteration: pass
