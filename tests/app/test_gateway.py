import gc

from bot.app.gateway import create_app


async def test_the_gateway_freezes_what_it_loaded_before_serving(services):
    gc.unfreeze()
    app = create_app(services, run_workers=False)
    try:
        async with app.router.lifespan_context(app):
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
