// zod schemas of the Tyk responses the extension reads, written from the official OpenAPI specs
// (test/fixtures/tyk-specs). `z.object` strips every field not named here, so nothing of a whole API
// definition is kept. Structural fields are required; cosmetic ones fall back to `undefined` when a
// server sends an unexpected type, so one odd field does not hide a whole catalog.
import * as z from 'zod/mini';

const optString = z.catch(z.optional(z.nullable(z.string())), undefined);
const optBool = z.catch(z.optional(z.nullable(z.boolean())), undefined);
const optNumber = z.catch(z.optional(z.nullable(z.number())), undefined);
const stringList = z.catch(z.optional(z.nullable(z.array(z.string()))), undefined);
const nonEmptyString = z.string().check(z.minLength(1));

/** `apidef.AuthConfig`: where a method reads its credential, and whether a token is bound to a certificate. */
const AuthConfig = z.object({ auth_header_name: optString, use_certificate: optBool });
const optAuthConfig = z.catch(z.optional(z.nullable(AuthConfig)), undefined);

/** Classic API definition (`APIDefinition`), only the fields the tree and the key wizard use. */
export const ApiDefinition = z.object({
  api_id: nonEmptyString,
  id: optString,
  name: optString,
  org_id: optString,
  active: optBool,
  internal: optBool,
  is_oas: optBool,
  use_keyless: optBool,
  use_standard_auth: optBool,
  use_basic_auth: optBool,
  use_oauth2: optBool,
  enable_jwt: optBool,
  enable_signature_checking: optBool,
  use_openid: optBool,
  use_mutual_tls_auth: optBool,
  use_go_plugin_auth: optBool,
  enable_coprocess_auth: optBool,
  custom_plugin_auth_enabled: optBool,
  // Multi-auth: which method provides the identity (auth_token, hmac_key, basic_auth_user, jwt_claim…).
  base_identity_provided_by: optString,
  // Deprecated `auth`, read only when `auth_configs` lacks the method (gateway/middleware.go getAuthToken).
  auth: optAuthConfig,
  auth_configs: z.catch(
    z.optional(z.nullable(z.object({ authToken: optAuthConfig, jwt: optAuthConfig, basic: optAuthConfig, hmac: optAuthConfig }))),
    undefined,
  ),
  // TCP proxies: `protocol` "tcp"/"tls", or a tcp:// / tls:// target.
  protocol: optString,
  proxy: z.catch(z.optional(z.nullable(z.object({ listen_path: optString, target_url: optString }))), undefined),
  version_data: z.catch(
    z.optional(
      z.nullable(
        z.object({
          not_versioned: optBool,
          default_version: optString,
          // Only the names are used: the values (whole version configs) are dropped when mapped.
          versions: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
        }),
      ),
    ),
    undefined,
  ),
  // VersionDefinition: for Tyk OAS base APIs, `versions` maps a version name to its own api_id.
  definition: z.catch(
    z.optional(
      z.nullable(
        z.object({
          enabled: optBool,
          name: optString,
          default: optString,
          versions: z.catch(z.optional(z.nullable(z.record(z.string(), z.string()))), undefined),
        }),
      ),
    ),
    undefined,
  ),
});
export type ApiDefinition = z.infer<typeof ApiDefinition>;

const OasAuthSource = z.catch(z.optional(z.nullable(z.object({ enabled: optBool, name: optString }))), undefined);

/** The few fields of a Tyk OAS document the extension reads: where the token is sent (x-tyk-api-gateway.schema.json). */
export const OasDocument = z.object({
  components: z.catch(
    z.optional(
      z.nullable(
        z.object({
          securitySchemes: z.catch(
            z.optional(z.nullable(z.record(z.string(), z.object({ type: optString, in: optString, name: optString, scheme: optString })))),
            undefined,
          ),
        }),
      ),
    ),
    undefined,
  ),
  'x-tyk-api-gateway': z.catch(
    z.optional(
      z.nullable(
        z.object({
          server: z.catch(
            z.optional(
              z.nullable(
                z.object({
                  authentication: z.catch(
                    z.optional(
                      z.nullable(
                        z.object({
                          enabled: optBool,
                          securitySchemes: z.catch(
                            z.optional(
                              z.nullable(z.record(z.string(), z.object({ enabled: optBool, header: OasAuthSource, enableClientCertificate: optBool }))),
                            ),
                            undefined,
                          ),
                        }),
                      ),
                    ),
                    undefined,
                  ),
                }),
              ),
            ),
            undefined,
          ),
        }),
      ),
    ),
    undefined,
  ),
});
export type OasDocument = z.infer<typeof OasDocument>;

/** Dashboard `ApiDefinitionWrapper`: the definition and, for Tyk OAS APIs, the few OAS fields read. */
export const ApiDefinitionWrapper = z.object({ api_definition: ApiDefinition, oas: z.catch(z.optional(z.nullable(OasDocument)), undefined) });

/** Dashboard `ApiDefinitionsResponse`: GET /api/apis, /api/apis/search. */
export const ApiDefinitionsResponse = z.object({
  apis: z.nullable(z.array(ApiDefinitionWrapper)),
  pages: optNumber,
});

/** Gateway GET /tyk/apis: a plain array of definitions. */
export const GatewayApiList = z.nullable(z.array(ApiDefinition));

const AccessDefinition = z.object({
  api_id: optString,
  api_name: optString,
  versions: stringList,
});

/** `SessionState`, the fields the extension reads. */
export const SessionState = z.object({
  alias: optString,
  access_rights: z.optional(z.nullable(z.record(z.string(), AccessDefinition))),
  rate: optNumber,
  per: optNumber,
  quota_max: optNumber,
  quota_remaining: optNumber,
  quota_renewal_rate: optNumber,
  quota_renews: optNumber,
  expires: optNumber,
  is_inactive: optBool,
  tags: stringList,
  apply_policies: stringList,
  // Legacy single policy: Tyk applies it when apply_policies is empty (user/session.go PolicyIDs).
  apply_policy_id: optString,
  org_id: optString,
  key_id: optString,
  basic_auth_data: z.catch(z.optional(z.nullable(z.object({ password: optString, hash_type: optString }))), undefined),
  hmac_enabled: optBool,
  hmac_string: optString,
  certificate: optString,
});
export type SessionState = z.infer<typeof SessionState>;

/** Dashboard `KeyData`: POST/GET/PUT /api/keys. */
export const KeyData = z.object({
  key_id: optString,
  // Older Dashboards and the seed tutorial answer a create with the Gateway's `key`.
  key: optString,
  key_hash: optString,
  // A create's answer is read for its key: an odd session in it must not lose the key.
  data: z.catch(z.optional(z.nullable(SessionState)), undefined),
});

/** Gateway `ApiModifyKeySuccess`: POST /tyk/keys/create, PUT/DELETE /tyk/keys/{key}. */
export const ApiModifyKeySuccess = z.object({
  key: optString,
  key_hash: optString,
  status: optString,
  action: optString,
});

/** Dashboard `CertificateBasics` (GET /api/certs?mode=detailed) and `CertificateList` (without mode). */
const CertificateBasics = z.object({ id: nonEmptyString, subject_cn: optString, issuer_cn: optString, not_after: optString, has_private: optBool });
export type CertificateBasics = z.infer<typeof CertificateBasics>;

export const DashboardCertificates = z.object({
  cert_basics: z.catch(z.optional(z.nullable(z.array(CertificateBasics))), undefined),
  certs: stringList,
  pages: optNumber,
});

/** Gateway `APIAllCertificateBasics`: GET /tyk/certs?mode=detailed. */
export const GatewayCertificates = z.object({
  certs: z.catch(z.optional(z.nullable(z.array(CertificateBasics))), undefined),
});

/** Dashboard `Keys`: GET /api/apis/{apiID}/keys. */
export const DashboardKeys = z.object({
  data: z.nullable(z.object({ keys: z.optional(z.nullable(z.array(z.string()))) })),
  pages: optNumber,
});

/** Dashboard `KeysDetailed`: GET /api/keys/detailed, every key with its session. */
export const DashboardKeysDetailed = z.object({
  keys: z.optional(z.nullable(z.array(KeyData))),
  pages: optNumber,
});

/** Gateway `ApiAllKeys`: GET /tyk/keys. */
export const GatewayKeys = z.object({ keys: z.optional(z.nullable(z.array(z.string()))) });

export const Policy = z.object({
  _id: optString,
  id: optString,
  name: optString,
  active: optBool,
  is_inactive: optBool,
  access_rights: z.catch(z.optional(z.nullable(z.record(z.string(), AccessDefinition))), undefined),
  rate: optNumber,
  per: optNumber,
  quota_max: optNumber,
  quota_renewal_rate: optNumber,
  key_expires_in: optNumber,
  tags: stringList,
});
export type Policy = z.infer<typeof Policy>;

/** Dashboard `ReturnDataStruct`: GET /api/portal/policies (capitalised keys). */
export const DashboardPolicies = z.object({
  Data: z.nullable(z.array(Policy)),
  Pages: optNumber,
});

/** Gateway GET /tyk/policies: a plain array. */
export const GatewayPolicies = z.nullable(z.array(Policy));

/** Error bodies: Dashboard `ApiResponse` {Status, Message} and Gateway `ApiStatusMessage` {status, message}. */
export const ErrorBody = z.object({
  Status: optString,
  Message: optString,
  status: optString,
  message: optString,
});

export type Schema<T> = z.ZodMiniType<T>;

/** A key read back whole: the session is kept as sent (one key is small) for details and rotation. */
export const RawSession = z.record(z.string(), z.unknown());

/** Dashboard `KeyData` with the session kept whole. */
export const RawKeyData = z.object({
  key_id: optString,
  key_hash: optString,
  data: RawSession,
});

/** Dashboard `ApiResponse` for a successful delete: {Status: "OK", Message}. */
export const StatusResponse = z.object({ Status: optString, Message: optString, status: optString, message: optString });

/** The most units one usage answer may hold: 30 days × 24 hours × a few APIs, with room to spare. */
export const MAX_USAGE_UNITS = 20_000;

/** A count Tyk keeps (Go `int`): a whole number, never negative. */
const count = z.optional(z.nullable(z.number().check(z.int(), z.nonnegative())));
/** A date part of `ResultId` (0 when the unit is not per day): a whole number or nothing. */
const datePart = z.catch(z.optional(z.nullable(z.number().check(z.int()))), undefined);

/**
 * Dashboard `ResultUnit` (dashboard-swagger.yml), the fields usage reads: `hits`, `error` (Tyk Pump's
 * Counter: `ErrorTotal` as json `error`), and the day in `id` (`ResultId` year, month, day). A count that
 * is not a whole number ≥ 0 makes the answer invalid (a wrong count would be drawn as a right one).
 */
const ResultUnit = z.object({
  hits: count,
  error: count,
  success: count,
  id: z.catch(z.optional(z.nullable(z.object({ year: datePart, month: datePart, day: datePart }))), undefined),
});
export type ResultUnit = z.infer<typeof ResultUnit>;

/** Dashboard `AggregateAnalyticsData`: GET /api/activity/keys/{keyHash}/…; `data` may be null (no traffic). */
export const AggregateAnalyticsData = z.object({
  data: z.optional(z.nullable(z.array(ResultUnit).check(z.maxLength(MAX_USAGE_UNITS)))),
  pages: optNumber,
});
