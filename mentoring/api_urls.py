from rest_framework.routers import SimpleRouter

from mentoring import apis

router = SimpleRouter()
router.register("mentorships", apis.MentorshipViewSet, basename="mentorship")
router.register("conversations", apis.ConversationViewSet, basename="conversation")

urlpatterns = router.urls
