from rest_framework.routers import DefaultRouter

from backend.catalog import apis

router = DefaultRouter()
router.register("trainings", apis.TrainingViewSet, basename="training")
router.register("financing-schemes", apis.FinancingSchemeViewSet, basename="financing-scheme")

urlpatterns = router.urls
