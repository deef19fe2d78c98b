# nginx from Debian's packages (the same nginx-light that `make deploy-local` uses), with the
# configuration rendered for the compose services app1 and app2 (deploy/nginx.compose.conf).
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx-light \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/nginx/zb/tmp && chown -R www-data:www-data /var/lib/nginx/zb
COPY nginx.compose.conf /etc/nginx/nginx.conf
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
