import { z } from "zod";

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

const none = z
  .looseObject({
    storage_type: z.literal("None").meta({
      title: "Storage type",
      description: "Rejected records are only reported in the logs.",
      order: 0,
    }),
  })
  .meta({ title: "None", description: "No object storage: no rejected-record files and no send ledger." });

const s3 = z
  .looseObject({
    storage_type: z
      .literal("S3")
      .meta({ title: "Storage type", description: "Keep rejected records in an S3 bucket.", order: 0 }),
    access_key_id: z
      .string()
      .optional()
      .meta({
        title: "Access Key ID",
        description:
          "The access key ID to access the S3 bucket. It needs list, read, write and delete in the bucket. Leave empty to use the credentials of the connector's environment (AWS_ACCESS_KEY_ID, a web identity token such as EKS IRSA, a container or instance role).",
        examples: ["A012345678910EXAMPLE"],
        airbyte_secret: true,
        always_show: true,
        order: 1,
      }),
    secret_access_key: z
      .string()
      .optional()
      .meta({
        title: "Secret Access Key",
        description: "The corresponding secret to the access key ID.",
        examples: ["a012345678910ABCDEFGH/AbCdEfGhEXAMPLEKEY"],
        airbyte_secret: true,
        always_show: true,
        order: 2,
      }),
    role_arn: z
      .string()
      .optional()
      .meta({
        title: "Role ARN",
        description:
          "The ARN of an AWS role to assume (STS AssumeRole) with the access key above or, without one, with the credentials of the connector's environment. The external ID is read from AWS_ASSUME_ROLE_EXTERNAL_ID, where Airbyte puts it.",
        examples: ["arn:aws:iam::123456789:role/ExternalIdIsYourWorkspaceId"],
        order: 3,
      }),
    s3_bucket_name: z
      .string()
      .min(1)
      .meta({
        title: "S3 Bucket Name",
        description: "The name of the S3 bucket.",
        examples: ["airbyte_sync"],
        order: 4,
      }),
    s3_bucket_region: z
      .enum(S3_BUCKET_REGIONS)
      .default("")
      .meta({
        title: "S3 Bucket Region",
        description: "The region of the S3 bucket (empty: us-east-1).",
        examples: ["us-east-1"],
        order: 5,
      }),
    s3_endpoint: z
      .string()
      .optional()
      .meta({
        title: "S3 Endpoint",
        description: "Your S3 endpoint url, for S3-compatible stores (MinIO, R2…). Leave empty for AWS.",
        examples: ["http://localhost:9000"],
        order: 6,
      }),
    bucket_path: z
      .string()
      .default("")
      .meta({
        title: "Prefix Path in the Bucket",
        description: "All files in the bucket will be prefixed by this.",
        examples: ["prefix/"],
        order: 7,
      }),
    send_ledger: z.boolean().default(true).meta({
      title: "Send ledger",
      description:
        "Journal every send and create in the bucket before it leaves, so that a retried or resumed sync never repeats one. Turn off only if repeats after a crash are acceptable.",
      order: 8,
    }),
    ledger_window_hours: z.int().min(1).max(720).default(DEFAULT_LEDGER_WINDOW_HOURS).meta({
      title: "Ledger window (hours)",
      description:
        "A record sent by any sync of this connection within this many hours is not sent again (on top of every attempt of the same job).",
      order: 9,
    }),
    ambiguous_sends: z.enum(["report", "resend"]).default("report").meta({
      title: "Ambiguous sends",
      description:
        "A send an earlier attempt started and recorded no outcome for (the sync was killed mid-call) may or may not have reached the recipient. report: never sent again, stored in the bucket beside the rejected records for you to check (at most once). resend: sent again by the next attempt (at least once: the recipient may get it twice).",
      order: 10,
    }),
  })
  .meta({
    title: "S3",
    description: "An S3 bucket (or an S3-compatible store) for rejected records and the send ledger.",
  });

export const objectStorageSchema = z
  .discriminatedUnion("storage_type", [none, s3])
  .default({ storage_type: "None" })
  .meta({
    title: "Object Storage Configuration",
    description:
      "Where rejected records are kept (JSON Lines under {bucket_path}/{sync_id}/{namespace}/{stream_name}/), and the send ledger that prevents repeat sends across attempts.",
    order: 12,
  });

export type ObjectStorageConfig = z.output<typeof objectStorageSchema>;
export type S3StorageConfig = Extract<ObjectStorageConfig, { storage_type: "S3" }>;
