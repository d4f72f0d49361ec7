# Benchmark helper: rope 1.7 moves RawQuerySet out of django/db/models/query.py (run by scripts/bench.mjs).
import sys, time
from rope.base.project import Project
from rope.refactor.move import create_move
root = sys.argv[1]
t0 = time.perf_counter()
project = Project(root, ropefolder=None)
resource = project.get_resource('django/db/models/query.py')
source = resource.read()
offset = source.index('class RawQuerySet') + len('class ')
dest = project.root.get_child('django/db/models').create_file('raw_query.py')
mover = create_move(project, resource, offset)
changes = mover.get_changes(dest)
project.do(changes)
project.close()
print(f"{time.perf_counter()-t0:.2f}")
