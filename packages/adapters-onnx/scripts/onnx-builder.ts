// A few helpers to write ONNX models with the onnx-proto schema (used to generate the test and benchmark models;
// no Python needed).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT32 = onnx.TensorProto.DataType.INT32;
export const INT64 = onnx.TensorProto.DataType.INT64;

export type Dim = number | string;

export function tensor(
  name: string,
  dims: number[],
  data: Float32Array | Int32Array | BigInt64Array,
): onnxProto.onnx.ITensorProto {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const dataType = data instanceof Float32Array ? FLOAT : data instanceof Int32Array ? INT32 : INT64;
  return { name, dims, dataType, rawData: bytes };
}

export function ints(name: string, values: number[]): onnxProto.onnx.ITensorProto {
  return tensor(name, [values.length], BigInt64Array.from(values.map(BigInt)));
}

export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, number | number[]> = {},
): onnxProto.onnx.INodeProto {
  const attribute = Object.entries(attrs).map(([name, v]) =>
    Array.isArray(v)
      ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: v }
      : Number.isInteger(v)
        ? { name, type: onnx.AttributeProto.AttributeType.INT, i: v }
        : { name, type: onnx.AttributeProto.AttributeType.FLOAT, f: v },
  );
  return { opType, input: inputs, output: outputs, name: `${opType}_${outputs[0]}`, attribute };
}

export function io(name: string, elemType: number, shape: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function model(graph: onnxProto.onnx.IGraphProto, opset = 13): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 7,
    producerName: 'glimpse',
    opsetImport: [{ domain: '', version: opset }],
    graph,
  }).finish();
}
