{{/* The chart's name, or nameOverride. */}}
{{- define "takeaways.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The name every resource of the release carries: "<release>-takeaways", or the release alone if it says it. */}}
{{- define "takeaways.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "takeaways.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Kubernetes' recommended labels. */}}
{{- define "takeaways.labels" -}}
helm.sh/chart: {{ include "takeaways.chart" . }}
{{ include "takeaways.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: slack-bot
app.kubernetes.io/part-of: takeaways
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "takeaways.selectorLabels" -}}
app.kubernetes.io/name: {{ include "takeaways.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "takeaways.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "takeaways.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the pods read: the user's, or the one this chart makes. */}}
{{- define "takeaways.secretName" -}}
{{- default (include "takeaways.fullname" .) .Values.existingSecret }}
{{- end }}

{{- define "takeaways.oauth" -}}
{{- if eq .Values.slack.workspaces "oauth" }}true{{ end }}
{{- end }}

{{/* Whether Slack or a browser must reach the app from outside: HTTP mode, or OAuth's install pages. */}}
{{- define "takeaways.public" -}}
{{- if or (eq .Values.slack.mode "http") (include "takeaways.oauth" .) }}true{{ end }}
{{- end }}

{{/* The paths the Ingress routes: only Slack's, never the actuator. */}}
{{- define "takeaways.publicPaths" -}}
{{- $paths := list }}
{{- if eq .Values.slack.mode "http" }}{{ $paths = append $paths "/slack/events" }}{{ end }}
{{- if include "takeaways.oauth" . }}{{ $paths = concat $paths (list "/slack/install" "/slack/oauth_redirect") }}{{ end }}
{{- toJson $paths }}
{{- end }}

{{/*
Settings the app would refuse at start, refused at install instead, each with what to set. The app's own check still
runs (README, "Configuration").
*/}}
{{- define "takeaways.validate" -}}
{{- if not (has .Values.slack.mode (list "socket" "http")) }}
{{- fail (printf "slack.mode must be socket or http, not %q" .Values.slack.mode) }}
{{- end }}
{{- if not (has .Values.slack.workspaces (list "single" "oauth")) }}
{{- fail (printf "slack.workspaces must be single or oauth, not %q" .Values.slack.workspaces) }}
{{- end }}
{{- if not .Values.database.url }}
{{- fail "database.url is required: the JDBC URL of an external PostgreSQL (SPRING_DATASOURCE_URL), e.g. jdbc:postgresql://postgres:5432/takeaways. The embedded database is for a laptop; in Kubernetes all instances share one Postgres. See README.md, \"Kubernetes\"." }}
{{- end }}
{{- if not (hasPrefix "jdbc:postgresql:" .Values.database.url) }}
{{- fail (printf "database.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), not %q" .Values.database.url) }}
{{- end }}
{{- if and (include "takeaways.oauth" .) (not .Values.slack.clientId) }}
{{- fail "slack.clientId is required with slack.workspaces=oauth: the Client ID on your Slack app's \"Basic Information\" page." }}
{{- end }}
{{- end }}

{{/* One env entry read from the Secret; optional ones may be missing from an existingSecret. */}}
{{- define "takeaways.secretEnv" -}}
- name: {{ .key }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}

{{/* The Secret's keys the pods read, for the mode: [key, value in values, required]. */}}
{{- define "takeaways.secretKeys" -}}
{{- $s := .Values.secrets }}
{{- $keys := list (list "SPRING_DATASOURCE_PASSWORD" $s.databasePassword "secrets.databasePassword") }}
{{- if include "takeaways.oauth" . }}
{{- $keys = append $keys (list "SLACK_CLIENT_SECRET" $s.slackClientSecret "secrets.slackClientSecret") }}
{{- $keys = append $keys (list "TAKEAWAYS_ENCRYPTION_KEY" $s.encryptionKey "secrets.encryptionKey") }}
{{- $keys = append $keys (list "TAKEAWAYS_ENCRYPTION_OLD_KEYS" $s.encryptionOldKeys "") }}
{{- else }}
{{- $keys = append $keys (list "SLACK_BOT_TOKEN" $s.slackBotToken "secrets.slackBotToken") }}
{{- end }}
{{- if eq .Values.slack.mode "socket" }}
{{- $keys = append $keys (list "SLACK_APP_TOKEN" $s.slackAppToken "secrets.slackAppToken") }}
{{- else }}
{{- $keys = append $keys (list "SLACK_SIGNING_SECRET" $s.slackSigningSecret "secrets.slackSigningSecret") }}
{{- end }}
{{- if .Values.config.llmBaseUrl }}
{{- $keys = append $keys (list "TAKEAWAYS_LLM_API_KEY" $s.llmApiKey "") }}
{{- end }}
{{- toJson $keys }}
{{- end }}
