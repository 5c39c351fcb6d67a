import gc

from bot.app.gc_pauses import freeze_startup_objects


def test_objects_alive_at_start_up_are_left_out_of_later_collections():
    gc.unfreeze()
    try:
        survivor = [object()]  # a list is tracked by the collector
        assert any(o is survivor for o in gc.get_objects())
        freeze_startup_objects()
        assert gc.get_freeze_count() > 0
        assert not any(o is survivor for o in gc.get_objects())
    finally:
        gc.unfreeze()
