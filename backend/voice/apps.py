from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "backend.voice"
    label = "voice"
