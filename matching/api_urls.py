from rest_framework.routers import SimpleRouter

from matching import apis

router = SimpleRouter()
router.register("matches", apis.MatchViewSet, basename="match")

urlpatterns = router.urls
