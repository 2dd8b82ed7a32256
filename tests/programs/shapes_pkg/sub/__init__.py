from .. import loaded
loaded.append(__name__)
