"""Plain objects that templates read many times.

Django's template engine resolves `{{ row.cells }}` by trying `row["cells"]`
first and reading the attribute only after that raised: on a dataclass every
lookup costs a caught `TypeError`, and a festival day's timetable of 100
sessions makes some 9,000 lookups. An object that answers the item
lookup itself (`ReadByName`) spares the template those exceptions; what it
does not have still raises `KeyError`, and the engine goes on as before.
"""


class ReadByName:
    __slots__ = ()

    def __getitem__(self, name):
        try:
            return getattr(self, name)
        except (AttributeError, TypeError):
            raise KeyError(name) from None
