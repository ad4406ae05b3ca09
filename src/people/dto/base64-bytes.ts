import { registerDecorator } from 'class-validator';
import { fromBase64Strict } from '../../crypto/base64';

/** Canonical base64 of between `min` and `max` bytes. */
export function IsBase64Bytes(min: number, max: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isBase64Bytes',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: min === max ? `$property must be ${min} bytes, base64` : `$property must be ${min}-${max} bytes, base64` },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string' || value.length > Math.ceil(max / 3) * 4) return false;
          const bytes = fromBase64Strict(value);
          return bytes !== undefined && bytes.length >= min && bytes.length <= max;
        },
      },
    });
  };
}
