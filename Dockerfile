# One image for web (daphne), worker and beat; the command differs per service in docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 HF_HUB_DISABLE_PROGRESS_BARS=1

WORKDIR /app
# The CPU build of torch, pinned and first: a looser spec pulls a CUDA build of several GB.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0
COPY pyproject.toml README.md ./
COPY backend ./backend
COPY matching ./matching
COPY mentoring ./mentoring
COPY events ./events
COPY manage.py ./
RUN pip install . && DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --noinput

RUN useradd --create-home pathways
USER pathways
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "backend.asgi:application"]
