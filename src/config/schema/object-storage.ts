import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";

/**
 * object_storage_config as Airbyte's Bulk CDK load-dlq toolkit spells it (field names, titles,
 * the oneOf by storage_type, "" for no region; the discriminator is a const, as every oneOf of
 * this spec), so that the platform's "records rejected" link
 * and a user's saved config read the same as for Airbyte's own activation destinations. The two
 * ledger fields are ours.
 */
export const S3_BUCKET_REGIONS = [
  "",
  "af-south-1",
  "ap-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ca-central-1",
  "ca-west-1",
  "cn-north-1",
  "cn-northwest-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-west-1",
  "us-west-2",
] as const;

export const DEFAULT_LEDGER_WINDOW_HOURS = 72;

const none = withMeta(
  z.looseObject({
    storage_type: withMeta(z.literal("None"), {
      title: "Storage type",
      description: "Rejected records are only reported in the logs.",
      order: 0,
    }),
  }),
  { title: "None", description: "No object storage: no rejected-record files and no send ledger." },
);

const s3 = withMeta(
  z.looseObject({
    storage_type: withMeta(z.literal("S3"), {
      title: "Storage type",
      description: "Keep rejected records in an S3 bucket.",
      order: 0,
    }),
    access_key_id: withMeta(z.optional(z.string()), {
      title: "Access Key ID",
      description:
        "The access key ID to access the S3 bucket. It needs list, read, write and delete in the bucket. Leave empty to use the credentials of the connector's environment (AWS_ACCESS_KEY_ID, a web identity token such as EKS IRSA, a container or instance role).",
      examples: ["A012345678910EXAMPLE"],
      airbyte_secret: true,
      always_show: true,
      order: 1,
    }),
    secret_access_key: withMeta(z.optional(z.string()), {
      title: "Secret Access Key",
      description: "The corresponding secret to the access key ID.",
      examples: ["a012345678910ABCDEFGH/AbCdEfGhEXAMPLEKEY"],
      airbyte_secret: true,
      always_show: true,
      order: 2,
    }),
    role_arn: withMeta(z.optional(z.string()), {
      title: "Role ARN",
      description:
        "The ARN of an AWS role to assume (STS AssumeRole) with the access key above or, without one, with the credentials of the connector's environment. The external ID is read from AWS_ASSUME_ROLE_EXTERNAL_ID, where Airbyte puts it.",
      examples: ["arn:aws:iam::123456789:role/ExternalIdIsYourWorkspaceId"],
      order: 3,
    }),
    s3_bucket_name: withMeta(z.string().check(z.minLength(1)), {
      title: "S3 Bucket Name",
      description: "The name of the S3 bucket.",
      examples: ["airbyte_sync"],
      order: 4,
    }),
    s3_bucket_region: withMeta(z._default(z.enum(S3_BUCKET_REGIONS), ""), {
      title: "S3 Bucket Region",
      description: "The region of the S3 bucket (empty: us-east-1).",
      examples: ["us-east-1"],
      order: 5,
    }),
    s3_endpoint: withMeta(z.optional(z.string()), {
      title: "S3 Endpoint",
      description: "Your S3 endpoint url, for S3-compatible stores (MinIO, R2…). Leave empty for AWS.",
      examples: ["http://localhost:9000"],
      order: 6,
    }),
    bucket_path: withMeta(z._default(z.string(), ""), {
      title: "Prefix Path in the Bucket",
      description: "All files in the bucket will be prefixed by this.",
      examples: ["prefix/"],
      order: 7,
    }),
    send_ledger: withMeta(z._default(z.boolean(), true), {
      title: "Send ledger",
      description:
        "Journal every send and create in the bucket before it leaves, so that a retried or resumed sync never repeats one. Turn off only if repeats after a crash are acceptable.",
      order: 8,
    }),
    ledger_window_hours: withMeta(
      z._default(z.int().check(z.minimum(1), z.maximum(720)), DEFAULT_LEDGER_WINDOW_HOURS),
      {
        title: "Ledger window (hours)",
        description:
          "A record sent by any sync of this connection within this many hours is not sent again (on top of every attempt of the same job).",
        order: 9,
      },
    ),
    ambiguous_sends: withMeta(z._default(z.enum(["report", "resend"]), "report"), {
      title: "Ambiguous sends",
      description:
        "A send an earlier attempt started and recorded no outcome for (the sync was killed mid-call) may or may not have reached the recipient. report: never sent again, stored in the bucket beside the rejected records for you to check (at most once). resend: sent again by the next attempt (at least once: the recipient may get it twice).",
      order: 10,
    }),
  }),
  {
    title: "S3",
    description: "An S3 bucket (or an S3-compatible store) for rejected records and the send ledger.",
  },
);

export const objectStorageSchema = withMeta(
  z._default(z.discriminatedUnion("storage_type", [none, s3]), { storage_type: "None" }),
  {
    title: "Object Storage Configuration",
    description:
      "Where rejected records are kept (JSON Lines under {bucket_path}/{sync_id}/{namespace}/{stream_name}/), and the send ledger that prevents repeat sends across attempts.",
    order: 12,
  },
);

export type ObjectStorageConfig = z.output<typeof objectStorageSchema>;
export type S3StorageConfig = Extract<ObjectStorageConfig, { storage_type: "S3" }>;
