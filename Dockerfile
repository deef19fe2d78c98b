# The app in a container: slim Python, a non-root user, the pinned requirements and the
# repository's own reference data (geo/layers, data/). No build step downloads anything else:
# Leaflet comes from its PyPI package, plotly.js from plotly's.
#   docker build -t zorgzame-buurten .
#   docker run --rm -p 8501:8501 zorgzame-buurten
# Several instances behind nginx: deploy/compose.yaml; Kubernetes: deploy/k8s/.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it (deploy/k8s).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY --chown=app:app app.py ./
COPY --chown=app:app .streamlit ./.streamlit
COPY --chown=app:app atlas ./atlas
COPY --chown=app:app geo ./geo
COPY --chown=app:app pages ./pages
COPY --chown=app:app data ./data
# The embedded meldingen database of a single container (no ATLAS_DB_URL): ~/.local/share of the app user.
RUN mkdir -p /app/.local/share && chown -R app:app /app/.local

USER 10001:10001
EXPOSE 8501
# The app fills static/ (Leaflet, map.js) at start-up, inside /app, owned by the app user.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["python", "-m", "atlas", "serve", "--server.port", "8501", "--server.address", "0.0.0.0", \
     "--server.headless", "true", "--browser.gatherUsageStats", "false"]
